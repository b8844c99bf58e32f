package dev.easyto.init.aws.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The EC2 client's native-image configuration. The amazon-services extensions register, for the
 * S3, SSM and Secrets Manager clients, their services' {@code execution.interceptors} resources and
 * every interceptor class for reflection; EC2 has no extension, so its part is here. The EC2 module
 * (2.37.5) has no {@code execution.interceptors} resource and no endpoint-rule JSON (its rules are
 * compiled to code), and its builder instantiates these interceptors directly: registering them
 * keeps them whole should an interceptor chain ever be built from class names, as the SDK's global
 * one is. The XML factories its query protocol parses with, the URL-connection HTTP service and the
 * SDK's runtime-initialised classes are registered by the extensions for every client already.
 */
@RegisterForReflection(
        classNames = {
            "software.amazon.awssdk.services.ec2.auth.scheme.internal.Ec2AuthSchemeInterceptor",
            "software.amazon.awssdk.services.ec2.endpoints.internal.Ec2ResolveEndpointInterceptor",
            "software.amazon.awssdk.services.ec2.endpoints.internal.Ec2RequestSetEndpointInterceptor",
            "software.amazon.awssdk.services.ec2.transform.internal.GeneratePreSignUrlInterceptor",
            "software.amazon.awssdk.services.ec2.transform.internal.TimestampFormatInterceptor"
        })
final class Ec2Interceptors {
    private Ec2Interceptors() {}
}
