package dev.easyto.init.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.spec.Volume.Tag;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

/**
 * Attachment by tags against moto_server's EC2 API: DescribeVolumes with the tag filters,
 * AttachVolume, the wait, and the errors. Each test tags its volumes with a name of its own, so
 * the tests share one server. Timeouts are a few seconds.
 */
class EbsAttachmentTest {
    private static final String ZONE = "us-east-1a";
    private static MotoServer moto;
    private static Ec2Client ec2;
    private static EbsAttachment.Instance self;
    private static String other;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
        ec2 = moto.clients().ec2();
        self = new EbsAttachment.Instance(runInstance(), ZONE);
        other = runInstance();
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    private static String runInstance() {
        String image =
                ec2.describeImages(b -> b.owners("amazon")).images().getFirst().imageId();
        return ec2.runInstances(b -> b.imageId(image).minCount(1).maxCount(1).placement(p -> p.availabilityZone(ZONE)))
                .instances()
                .getFirst()
                .instanceId();
    }

    private static String volume(String zone, String name) {
        TagSpecification tags = TagSpecification.builder()
                .resourceType("volume")
                .tags(
                        software.amazon.awssdk.services.ec2.model.Tag.builder()
                                .key("Name")
                                .value(name)
                                .build(),
                        software.amazon.awssdk.services.ec2.model.Tag.builder()
                                .key("easyto-data")
                                .value("yes")
                                .build())
                .build();
        return ec2.createVolume(b -> b.availabilityZone(zone).size(1).tagSpecifications(tags))
                .volumeId();
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    private static Volume describe(String id) {
        return ec2.describeVolumes(b -> b.volumeIds(id)).volumes().getFirst();
    }

    @Test
    void anAvailableVolumeWithTheTagsIsAttachedAtTheDevice() throws Exception {
        volume("us-east-1b", "attach-me");
        String id = volume(ZONE, "attach-me");
        volume(ZONE, "someone-else");
        String attached = new EbsAttachment(ec2)
                .attach(
                        "/dev/sdf",
                        List.of(new Tag("Name", "attach-me"), new Tag("easyto-data", null)),
                        self,
                        deadline(Duration.ofSeconds(5)));
        assertEquals(id, attached);
        VolumeAttachment attachment = describe(id).attachments().getFirst();
        assertEquals(self.id(), attachment.instanceId());
        assertEquals("/dev/sdf", attachment.device());
    }

    /** A second boot: the volume is ours already, and nothing else with the tags is touched. */
    @Test
    void aVolumeAlreadyAttachedHereAtTheDeviceIsTakenAsItIs() throws Exception {
        String id = volume(ZONE, "mine-already");
        ec2.attachVolume(b -> b.volumeId(id).instanceId(self.id()).device("/dev/sdg"));
        String spare = volume(ZONE, "mine-already");
        String attached = new EbsAttachment(ec2)
                .attach("/dev/sdg", List.of(new Tag("Name", "mine-already")), self, deadline(Duration.ofSeconds(5)));
        assertEquals(id, attached);
        assertEquals("available", describe(spare).stateAsString());
    }

    /** A volume held by an instance being replaced is waited for, and taken once it is released. */
    @Test
    void aVolumeAttachedElsewhereIsWaitedForUntilItIsReleased() throws Exception {
        String id = volume(ZONE, "released-later");
        ec2.attachVolume(b -> b.volumeId(id).instanceId(other).device("/dev/sdh"));
        CompletableFuture<Void> release = CompletableFuture.runAsync(
                () -> ec2.detachVolume(b -> b.volumeId(id).instanceId(other)),
                CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS));
        long started = System.nanoTime();
        String attached = new EbsAttachment(ec2)
                .attach("/dev/sdh", List.of(new Tag("Name", "released-later")), self, deadline(Duration.ofSeconds(20)));
        release.get();
        assertEquals(id, attached);
        assertEquals(self.id(), describe(id).attachments().getFirst().instanceId());
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(1500).toNanos());
    }

    @Test
    void aVolumeThatStaysAttachedElsewhereIsAnErrorAtTheDeadlineThatSaysSo() {
        String id = volume(ZONE, "held-elsewhere");
        ec2.attachVolume(b -> b.volumeId(id).instanceId(other).device("/dev/sdi"));
        long started = System.nanoTime();
        EbsAttachment.AttachmentException e = assertThrows(
                EbsAttachment.AttachmentException.class,
                () -> new EbsAttachment(ec2)
                        .attach(
                                "/dev/sdi",
                                List.of(new Tag("Name", "held-elsewhere")),
                                self,
                                deadline(Duration.ofSeconds(2))));
        long waited = System.nanoTime() - started;
        assertTrue(
                waited >= Duration.ofSeconds(2).toNanos()
                        && waited < Duration.ofSeconds(8).toNanos(),
                "" + waited);
        assertEquals(
                "no EBS volume with tags Name=held-elsewhere became available in us-east-1a for /dev/sdi within 2 s: "
                        + id + " is in-use, attached to " + other + " at /dev/sdi",
                e.getMessage());
    }

    @Test
    void noVolumeWithTheTagsIsAnErrorAtTheDeadline() {
        String elsewhere = volume("us-east-1c", "wrong-zone");
        EbsAttachment.AttachmentException e = assertThrows(
                EbsAttachment.AttachmentException.class,
                () -> new EbsAttachment(ec2)
                        .attach(
                                "/dev/sdj",
                                List.of(new Tag("Name", "nowhere"), new Tag("easyto-data", null)),
                                self,
                                deadline(Duration.ofSeconds(1))));
        assertEquals(
                "no EBS volume with tags Name=nowhere, easyto-data (any value) became available in us-east-1a for"
                        + " /dev/sdj within 1 s: no volume has those tags",
                e.getMessage());
        EbsAttachment.AttachmentException zone = assertThrows(
                EbsAttachment.AttachmentException.class,
                () -> new EbsAttachment(ec2)
                        .attach(
                                "/dev/sdj",
                                List.of(new Tag("Name", "wrong-zone")),
                                self,
                                deadline(Duration.ofSeconds(1))));
        assertTrue(zone.getMessage().endsWith(": " + elsewhere + " is available, in us-east-1c"), zone.getMessage());
    }

    /** An API error that waiting cannot cure (here: moto's for an unknown instance) stops at once. */
    @Test
    void anAttachVolumeErrorThatIsNotAboutTheVolumeBeingTakenIsFatal() {
        volume(ZONE, "no-such-instance");
        long started = System.nanoTime();
        EbsAttachment.AttachmentException e = assertThrows(
                EbsAttachment.AttachmentException.class,
                () -> new EbsAttachment(ec2)
                        .attach(
                                "/dev/sdk",
                                List.of(new Tag("Name", "no-such-instance")),
                                new EbsAttachment.Instance("i-00000000000000000", ZONE),
                                deadline(Duration.ofSeconds(30))));
        assertTrue(e.getMessage().startsWith("unable to attach EBS volume vol-"), e.getMessage());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos());
    }
}
