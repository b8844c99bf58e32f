"""Seeds the sandbox's AWS emulator (moto_server) for a scenario's aws-setup.sh.

The harness runs aws-setup.sh in the emulator's network namespace with AWS_ENDPOINT_URL, test
credentials and a region set, and AWS_SEED naming this file, as soon as it has started the
emulator: this waits for it to answer, so importing boto3 overlaps the emulator's own start.
Commands come one per line on standard input (shell-style quoting), so a scenario pays for one
Python start:

  object BUCKET KEY VALUE          put an object (the bucket is created if missing)
  bucket BUCKET                    create an empty bucket
  parameter NAME VALUE [TYPE]      put an SSM parameter (String by default, or SecureString)
  secret NAME VALUE                create a Secrets Manager secret (SecretString)
  instance FILE                    run an EC2 instance in us-east-1a (the mock IMDS's zone) and
                                   write its id to FILE (the VM harness serves it as instance-id)
  volume ZONE GIB KEY=VALUE...     create an EBS volume in ZONE with those tags (KEY alone: an
                                   empty value)

Only names are printed, never values.
"""

import os
import shlex
import sys
import time
import urllib.request

import boto3

clients = {}


def client(service):
    if service not in clients:
        clients[service] = boto3.client(service, endpoint_url=os.environ["AWS_ENDPOINT_URL"])
    return clients[service]


def bucket(name):
    s3 = client("s3")
    if name not in [b["Name"] for b in s3.list_buckets().get("Buckets", [])]:
        s3.create_bucket(Bucket=name)


def run(words):
    command, args = words[0], words[1:]
    if command == "object" and len(args) == 3:
        bucket(args[0])
        client("s3").put_object(Bucket=args[0], Key=args[1], Body=args[2].encode("utf-8"))
        print("aws-seed: object s3://%s/%s" % (args[0], args[1]))
    elif command == "bucket" and len(args) == 1:
        bucket(args[0])
        print("aws-seed: bucket %s" % args[0])
    elif command == "parameter" and len(args) in (2, 3):
        kind = args[2] if len(args) == 3 else "String"
        client("ssm").put_parameter(Name=args[0], Value=args[1], Type=kind, Overwrite=True)
        print("aws-seed: parameter %s (%s)" % (args[0], kind))
    elif command == "secret" and len(args) == 2:
        client("secretsmanager").create_secret(Name=args[0], SecretString=args[1])
        print("aws-seed: secret %s" % args[0])
    elif command == "instance" and len(args) == 1:
        ec2 = client("ec2")
        image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
        reservation = ec2.run_instances(
            ImageId=image, MinCount=1, MaxCount=1, Placement={"AvailabilityZone": "us-east-1a"}
        )
        instance = reservation["Instances"][0]["InstanceId"]
        with open(args[0], "w") as out:
            out.write(instance)
        print("aws-seed: instance %s" % instance)
    elif command == "volume" and len(args) >= 2:
        tags = [dict(zip(("Key", "Value"), (t.split("=", 1) + [""])[:2])) for t in args[2:]]
        spec = [{"ResourceType": "volume", "Tags": tags}] if tags else []
        volume = client("ec2").create_volume(
            AvailabilityZone=args[0], Size=int(args[1]), TagSpecifications=spec
        )
        print("aws-seed: volume %s in %s" % (volume["VolumeId"], args[0]))
    else:
        sys.exit("aws-seed: bad command: " + " ".join(words) + "\n" + __doc__)


def wait_for_emulator(seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(os.environ["AWS_ENDPOINT_URL"] + "/moto-api/", timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                sys.exit("aws-seed: no emulator at " + os.environ["AWS_ENDPOINT_URL"])
            time.sleep(0.05)


def main():
    wait_for_emulator()
    for line in sys.stdin:
        words = shlex.split(line, comments=True)
        if words:
            run(words)


if __name__ == "__main__":
    main()
