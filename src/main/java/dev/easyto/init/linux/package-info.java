/** Linux system calls through the Foreign Function &amp; Memory API, one typed method per call. */
package dev.easyto.init.linux;
