#!/bin/sh
# A stand-in for the real init, used to test the sandbox harness without it: it does crudely what
# PID 1 does there (mount /proc, DHCP unless the harness configured the network, IMDSv2 token, user
# data) and treats the user data as a shell script.
# Its protocol with the self-test scenarios: the script runs as a child; signal 38 or TERM to PID 1
# is reported and ends it; /tmp/no-power-off makes the init exit instead of powering off.
imds=169.254.169.254

mount -t proc proc /proc
mount -t devtmpfs devtmpfs /dev
echo "fake-init: pid $$"

# busybox's DHCP client checks the harness's dnsmasq independently of the init's own client.
if ip -4 addr show dev eth0 | grep -q "inet "; then
    echo "fake-init: network preconfigured"
else
    ip link set lo up
    ip link set eth0 up
    if ! udhcpc -i eth0 -f -q -n -t 5 -T 1 -O search -s /udhcpc.script >/tmp/udhcpc.log 2>&1; then
        cat /tmp/udhcpc.log
        echo "FAIL: fake-init: no DHCP lease"
        poweroff -f
    fi
    echo "fake-init: leased $(ip -4 -o addr show dev eth0 | awk '{ print $4 }')"
fi

on_signal()
{
    echo "fake-init: caught signal ${1}"
    [ -z "${child:-}" ] || kill "${child}" 2>/dev/null
    poweroff -f
}
# PID 1 of a pid namespace only gets the signals it has a handler for, as on a real machine.
trap 'on_signal 38' 38
trap 'on_signal TERM' TERM

# busybox wget cannot PUT, so the token request is written by hand.
token=$(printf 'PUT /latest/api/token HTTP/1.0\r\nHost: %s\r\nX-aws-ec2-metadata-token-ttl-seconds: 300\r\n\r\n' "${imds}" \
    | nc "${imds}" 80 | sed '1,/^\r$/d')
if [ -z "${token}" ]; then
    echo "FAIL: fake-init: no IMDSv2 token from ${imds}"
    poweroff -f
fi
echo "fake-init: got an IMDSv2 token"

if ! wget -q -O /tmp/user-data --header "X-aws-ec2-metadata-token: ${token}" "http://${imds}/latest/user-data"; then
    echo "FAIL: fake-init: no user data"
    poweroff -f
fi
if [ "$(head -c 2 /tmp/user-data | od -An -tx1 | tr -d ' ')" = "1f8b" ]; then
    echo "fake-init: user data was gzip-compressed"
    gunzip -c /tmp/user-data >/tmp/user-data.sh
else
    cp /tmp/user-data /tmp/user-data.sh
fi
# Not printed: the console would then contain every string a scenario expects.
echo "fake-init: user data: $(wc -c </tmp/user-data.sh) bytes"
# What the real init says when its command starts: SEND_SIGNAL's delay counts from it.
echo "fake-init: boot completed in 0 ms"

IMDS_TOKEN=${token} sh /tmp/user-data.sh &
child=$!
wait "${child}"
echo "fake-init: command exited with status $?"
child=""

[ ! -e /tmp/no-power-off ] || exit 0
poweroff -f
