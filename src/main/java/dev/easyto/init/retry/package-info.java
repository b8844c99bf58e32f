/**
 * The one retry and deadline policy of every network source (IMDS, the AWS APIs, DHCP): jittered
 * exponential backoff, a timeout per attempt and a deadline per call.
 */
package dev.easyto.init.retry;
