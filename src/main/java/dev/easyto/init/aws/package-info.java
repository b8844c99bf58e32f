/** AWS access: the IMDSv2 client, service clients for S3, SSM, Secrets Manager and EC2, retry. */
package dev.easyto.init.aws;
