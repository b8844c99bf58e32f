package dev.easyto.init.aws.nativeimage;

import com.oracle.svm.core.annotate.Delete;
import com.oracle.svm.core.annotate.TargetClass;
import java.util.function.BooleanSupplier;

/**
 * The S3 client's code for the AWS CRT, which the init does not ship (it uses the URL-connection
 * client), left out of the native executable. The amazon-services extension deletes the CRT client
 * itself but not these, which the image then reaches through the SDK's interceptors registered
 * for reflection; their static initialiser needs CRT classes and fails the build. Nothing in JVM
 * mode loads this class; on a JVM the CRT code is simply never run.
 */
final class S3CrtAbsent implements BooleanSupplier {
    private static final String CRT = "software.amazon.awssdk.crt.CRT";
    private static final String S3_CRT = "software.amazon.awssdk.services.s3.internal.crt.";

    @Override
    public boolean getAsBoolean() {
        try {
            Class.forName(CRT, false, S3CrtAbsent.class.getClassLoader());
            return false;
        } catch (ClassNotFoundException e) {
            return true;
        }
    }

    @TargetClass(className = S3_CRT + "S3InternalSdkHttpExecutionAttribute", onlyWith = S3CrtAbsent.class)
    @Delete
    static final class DeleteExecutionAttribute {}

    @TargetClass(
            className = S3_CRT + "DefaultS3CrtAsyncClient$AttachHttpAttributesExecutionInterceptor",
            onlyWith = S3CrtAbsent.class)
    @Delete
    static final class DeleteAttachInterceptor {}

    @TargetClass(className = S3_CRT + "S3CrtAsyncHttpClient", onlyWith = S3CrtAbsent.class)
    @Delete
    static final class DeleteHttpClient {}

    @TargetClass(className = S3_CRT + "S3CrtAsyncHttpClient$Builder", onlyWith = S3CrtAbsent.class)
    @Delete
    static final class DeleteHttpClientBuilder {}
}
