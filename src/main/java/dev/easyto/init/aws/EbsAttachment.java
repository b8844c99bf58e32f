package dev.easyto.init.aws;

import dev.easyto.init.log.Console;
import dev.easyto.init.retry.RetryPolicy;
import dev.easyto.init.spec.Volume.Tag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

/**
 * Attaches an existing EBS volume found by its tags (docs/behaviour.md §3.3): a volume with the
 * tags already attached to this instance at the device is taken as it is (a reboot, or a second
 * boot of a stopped instance); otherwise the first {@code available} volume with the tags in the
 * instance's availability zone is attached at the device, waiting for one until the deadline. A
 * volume still attached to another instance (one being replaced) is therefore waited for. Unlike
 * upstream, the waits back off instead of spinning, a volume another instance takes between our
 * look and our AttachVolume is waited for again rather than failing the boot, and running out of
 * time says what the volumes with those tags were doing.
 */
public final class EbsAttachment {
    /** Where the volume goes: this instance and its availability zone, from IMDS. */
    public record Instance(String id, String availabilityZone) {

        /** Reads both from IMDS ({@code instance-id}, {@code placement/availability-zone}). */
        public static Instance fromImds(ImdsClient imds) throws AttachmentException {
            try {
                return new Instance(required(imds, "instance-id"), required(imds, "placement/availability-zone"));
            } catch (IOException e) {
                throw new AttachmentException("unable to read the instance from IMDS: " + e.getMessage(), e);
            }
        }

        private static String required(ImdsClient imds, String path) throws IOException {
            String value = imds.metadata(path).strip();
            if (value.isEmpty()) {
                throw new IOException("IMDS " + path + " is empty");
            }
            return value;
        }
    }

    /** The volume could not be attached; the boot stops. */
    public static final class AttachmentException extends Exception {
        private static final long serialVersionUID = 1L;

        public AttachmentException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Ec2Client ec2;
    private final RetryPolicy backoff;
    private final RetryPolicy.Timing timing;

    public EbsAttachment(Ec2Client ec2) {
        this(ec2, RetryPolicy.POLL, RetryPolicy.Timing.SYSTEM);
    }

    EbsAttachment(Ec2Client ec2, RetryPolicy backoff, RetryPolicy.Timing timing) {
        this.ec2 = ec2;
        this.backoff = backoff;
        this.timing = timing;
    }

    /**
     * Makes sure a volume with {@code tags} is attached to {@code instance} at {@code device}.
     *
     * @param deadline when to give up, in {@link System#nanoTime()} units
     * @return the volume's id
     * @throws AttachmentException when the EC2 API refuses (no permission, a bad device name) or no
     *     volume became available by the deadline
     */
    public String attach(String device, List<Tag> tags, Instance instance, long deadline)
            throws AttachmentException, InterruptedException {
        // The time the caller gave, as people wrote it in user data: the wait itself may be a little shorter.
        long seconds = Math.round((deadline - timing.nanoTime()) / 1e9);
        String wanted = "EBS volume with tags " + describe(tags);
        List<Volume> here;
        try {
            here = volumes(filters(
                    tags,
                    List.of(filter("attachment.instance-id", instance.id()), filter("attachment.device", device))));
        } catch (SdkException e) {
            throw new AttachmentException("unable to look for an " + wanted + ": " + AwsErrors.describe(e), e);
        }
        if (!here.isEmpty()) {
            String id = here.getFirst().volumeId();
            Console.info("EBS volume %s (%s) is already attached at %s", id, describe(tags), device);
            return id;
        }
        Optional<String> attached = backoff.await(deadline, () -> attachAvailable(device, tags, instance), timing);
        if (attached.isPresent()) {
            return attached.get();
        }
        throw new AttachmentException(
                "no " + wanted + " became available in " + instance.availabilityZone() + " for " + device + " within "
                        + seconds + " s: " + whatThereIs(tags, instance),
                null);
    }

    /** One look: the first available volume attached, or empty to look again later. */
    private Optional<String> attachAvailable(String device, List<Tag> tags, Instance instance)
            throws AttachmentException {
        List<Volume> available;
        try {
            available = volumes(filters(
                    tags,
                    List.of(filter("status", "available"), filter("availability-zone", instance.availabilityZone()))));
        } catch (SdkException e) {
            if (transientFailure(e)) {
                Console.warn(
                        "looking for an EBS volume with tags %s: %s; trying again",
                        describe(tags), AwsErrors.describe(e));
                return Optional.empty();
            }
            throw new AttachmentException(
                    "unable to look for an EBS volume with tags " + describe(tags) + ": " + AwsErrors.describe(e), e);
        }
        if (available.isEmpty()) {
            return Optional.empty();
        }
        String id = available.getFirst().volumeId();
        Console.info(
                "attaching EBS volume %s (%s) at %s%s",
                id, describe(tags), device, available.size() > 1 ? " (" + available.size() + " available)" : "");
        try {
            ec2.attachVolume(b -> b.device(device).instanceId(instance.id()).volumeId(id));
            return Optional.of(id);
        } catch (SdkException e) {
            // Another instance attached it between our look and our request: wait for the next one.
            if (transientFailure(e)
                    || errorCode(e).equals("VolumeInUse")
                    || errorCode(e).equals("IncorrectState")) {
                Console.warn("unable to attach EBS volume %s: %s; trying again", id, AwsErrors.describe(e));
                return Optional.empty();
            }
            throw new AttachmentException(
                    "unable to attach EBS volume " + id + " at " + device + ": " + AwsErrors.describe(e), e);
        }
    }

    /** At the deadline: the volumes that have the tags and why none could be taken. */
    private String whatThereIs(List<Tag> tags, Instance instance) {
        List<Volume> tagged;
        try {
            tagged = volumes(filters(tags, List.of()));
        } catch (SdkException e) {
            return "unable to list the volumes with those tags: " + AwsErrors.describe(e);
        }
        if (tagged.isEmpty()) {
            return "no volume has those tags";
        }
        return tagged.stream().map(v -> state(v, instance)).collect(Collectors.joining("; "));
    }

    private static String state(Volume volume, Instance instance) {
        StringBuilder text = new StringBuilder(volume.volumeId()).append(" is ").append(volume.stateAsString());
        for (VolumeAttachment attachment : volume.attachments()) {
            text.append(", attached to ")
                    .append(instance.id().equals(attachment.instanceId()) ? "this instance" : attachment.instanceId())
                    .append(" at ")
                    .append(attachment.device());
        }
        if (volume.availabilityZone() != null && !instance.availabilityZone().equals(volume.availabilityZone())) {
            text.append(", in ").append(volume.availabilityZone());
        }
        return text.toString();
    }

    private List<Volume> volumes(List<Filter> filters) {
        List<Volume> volumes = new ArrayList<>();
        String token = null;
        do {
            DescribeVolumesRequest.Builder request =
                    DescribeVolumesRequest.builder().filters(filters);
            if (token != null) {
                request.nextToken(token);
            }
            DescribeVolumesResponse response = ec2.describeVolumes(request.build());
            volumes.addAll(response.volumes());
            token = response.nextToken();
        } while (token != null && !token.isEmpty());
        return volumes;
    }

    /** The tag filters (a tag without a value matches any value of its key), then {@code others}. */
    static List<Filter> filters(List<Tag> tags, List<Filter> others) {
        List<Filter> filters = new ArrayList<>(others);
        for (Tag tag : tags) {
            filters.add(tag.value() == null ? filter("tag-key", tag.key()) : filter("tag:" + tag.key(), tag.value()));
        }
        return filters;
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    /** {@code Name=data, backup (any value)}. */
    public static String describe(List<Tag> tags) {
        return tags.stream()
                .map(t -> t.value() == null ? t.key() + " (any value)" : t.key() + "=" + t.value())
                .collect(Collectors.joining(", "));
    }

    /** A failure worth waiting out: the network, throttling, a server error. */
    static boolean transientFailure(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return e instanceof SdkClientException;
    }

    private static String errorCode(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            return code == null ? "" : code;
        }
        return "";
    }
}
