/** Boot phases, the orchestrator that runs their dependency graph, and the boot trace. */
package dev.easyto.init.boot;
