package dev.easyto.init.bench;

/**
 * One boot of the fetch benchmark (src/test/bench/fetch: 20 SSM parameters and 10 secrets as
 * env-from): how many fetches the init made side by side (SSM names go ten to a GetParameters
 * call), the wall time of all of them, the slowest single one, and their sum (about what one
 * after the other would take), as the init's own "env-from: N fetches side by side" line says.
 */
record FetchRun(int fetches, long wallMs, long slowestMs, long sumMs) {}
