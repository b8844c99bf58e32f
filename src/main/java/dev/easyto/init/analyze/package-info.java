/**
 * Boot analysis for people: reads a boot trace ({@code boot-trace.json}, whose format the README
 * documents) and prints its blame, its critical chain and its chart. It knows the trace only as a
 * file format, never the boot that wrote it, so it reads a trace copied off any instance.
 */
package dev.easyto.init.analyze;
