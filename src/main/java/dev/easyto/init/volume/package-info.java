/** Volume sources: EBS, S3, SSM Parameter Store, Secrets Manager and templates, written to disk. */
package dev.easyto.init.volume;
