/** Environment sources: IMDS, S3, SSM Parameter Store and Secrets Manager values for env-from. */
package dev.easyto.init.env;
