package dev.easyto.init.spec;

/** Binds an {@code env-from[]} item to an {@link EnvFrom} source. */
final class EnvFromBinder {
    private final ReadLog log;

    EnvFromBinder(ReadLog log) {
        this.log = log;
    }

    EnvFrom envFrom(UnionItem item) {
        Mapping o = item.body();
        EnvFrom result = switch (item.kind()) {
            case "imds" -> new EnvFrom.Imds(o.string("name"), o.string("path"), o.flag("optional"));
            case "s3" ->
                new EnvFrom.S3(
                        o.string("bucket"),
                        o.string("key"),
                        o.string("name"),
                        o.flag("base64-encode"),
                        o.flag("optional"));
            case "ssm" ->
                new EnvFrom.Ssm(o.string("path"), o.string("name"), o.flag("base64-encode"), o.flag("optional"));
            case "secrets-manager" ->
                new EnvFrom.SecretsManager(
                        o.string("secret-id"), o.string("name"), o.flag("base64-encode"), o.flag("optional"));
            default -> throw new IllegalStateException(item.kind());
        };
        if (o.has("base64-encode") && o.flag("base64-encode") && !o.has("name")) {
            log.warning(o.keyNode("base64-encode"), item.path() + ".base64-encode", "has no effect without name");
        }
        if (item.kind().equals("imds")
                && o.string("path") != null
                && o.string("path").startsWith("/")) {
            log.warning(
                    o.valueNode("path"),
                    item.path() + ".path",
                    "is relative to /latest/meta-data/; drop the leading /");
        }
        return result;
    }
}
