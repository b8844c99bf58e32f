# The sandbox's network: its NICs are veth ends whose peers live in a second namespace that plays
# the VPC, where dnsmasq serves DHCP, the mock IMDS answers on 169.254.169.254 (mock-imds.sh) and,
# for the AWS scenarios, moto_server stands in for AWS. Sourced by run-scenario.sh after
# harness.sh; run-scenario.sh sets `sbx_ns` and `vpc_ns` (the namespaces, which its teardown()
# deletes), `here` (where aws-seed.py is), `work`, `scenario`, `name`, `nic_count` and
# `preconfigure_net`.

# Where the sandbox reaches the AWS emulator: no DNS in the sandbox, so the endpoint is an
# address, the gateway's.
aws_port=4566
aws_endpoint=http://10.0.2.2:${aws_port}

# start_vpc: both namespaces and the NICs, then dnsmasq (start_dnsmasq) unless `dhcp_delay` says
# to start it later. MACs are the ones the mock
# lists (QEMU's numbering). Addresses follow QEMU's user network, as upstream's scenarios expect
# them: the instance 10.0.2.15/24, the gateway 10.0.2.2, the resolver 10.0.2.3.
start_vpc()
{
    ip netns add "${sbx_ns}"
    ip netns add "${vpc_ns}"
    ip -n "${vpc_ns}" link set lo up
    i=0
    while [ "${i}" -lt "${nic_count}" ]; do
        mac=$(printf '52:54:00:12:34:%02x' $((0x56 + i)))
        ip -n "${sbx_ns}" link add "eth${i}" address "${mac}" type veth peer name "vpc${i}" netns "${vpc_ns}"
        # EC2's MTU, which DHCP offers below, on the VPC's end too: a veth drops frames larger than
        # the receiving end's MTU.
        ip -n "${vpc_ns}" link set "vpc${i}" mtu 9001 up
        i=$((i + 1))
    done
    ip -n "${vpc_ns}" addr add 10.0.2.2/24 dev vpc0
    ip -n "${vpc_ns}" addr add 169.254.169.254/32 dev vpc0
    # The resolver address (QEMU user-net numbering): nothing serves DNS there yet, but an address
    # that answers "port unreachable" makes lookups fail at once instead of after the 5 s timeout.
    ip -n "${vpc_ns}" addr add 10.0.2.3/32 dev vpc0
    [ "${dhcp_delay:-0}" != 0 ] || start_dnsmasq 0
    # PRECONFIGURE_NET=1: what DHCP would have given, for an init that does no DHCP.
    if [ "${preconfigure_net}" = 1 ]; then
        ip -n "${sbx_ns}" link set lo up
        ip -n "${sbx_ns}" addr add 10.0.2.15/24 dev eth0
        ip -n "${sbx_ns}" link set eth0 up
        ip -n "${sbx_ns}" route add default via 10.0.2.2
    fi
}

# start_dnsmasq [SECONDS]: dnsmasq in the VPC namespace (`dnsmasq_pid`), after SECONDS (DHCP_DELAY:
# a DHCP server that answers only once the init has been asking for a while).
start_dnsmasq()
{
    # DHCP only (--port=0: no DNS), on vpc0 alone: secondary ENIs get no lease, as upstream's
    # multi-eni scenario expects of them. No configuration file but these options (MTU 9001, option
    # 26, as a VPC offers); --no-ping
    # because the one address of the range is known to be free, and checking would delay the offer.
    # The sleep and then exec keep `dnsmasq_pid` dnsmasq's own, for the teardown.
    sh -c 'sleep "$1"; shift; exec "$@"' dnsmasq-after "${1:-0}" ip netns exec "${vpc_ns}" dnsmasq --keep-in-foreground --conf-file=/dev/null --port=0 \
        --interface=vpc0 --bind-interfaces --user=root --group=root \
        --pid-file="${work}/dnsmasq.pid" --dhcp-leasefile="${work}/dnsmasq.leases" \
        --log-facility="${work}/dnsmasq.log" --log-dhcp --no-ping --dhcp-authoritative \
        --dhcp-range=10.0.2.15,10.0.2.15,255.255.255.0,12h \
        --dhcp-option=option:router,10.0.2.2 --dhcp-option=option:dns-server,10.0.2.3 \
        --dhcp-option=option:domain-name,ec2.internal --dhcp-option=option:domain-search,ec2.internal \
        --dhcp-option=option:mtu,9001 \
        </dev/null >"${work}/dnsmasq.out" 2>&1 &
    dnsmasq_pid=$!
}

# start_aws (USE_AWS=1 or USE_LOCALSTACK=1): moto_server in the VPC namespace (`moto_pid`) and,
# if the scenario has one, its aws-setup.sh, which waits for it and seeds it (`aws_setup_pid`).
# Both start early, while the root is built; the init boots once both are done
# (await_aws), with AWS_ENDPOINT_URL. With `aws_throttle` (AWS_THROTTLE=SHARE) moto listens on
# the VPC's loopback only, where aws-setup.sh seeds it, and aws-throttle.py stands at the
# address the sandbox calls (`proxy_pid`), answering SHARE of the calls itself with
# `aws_throttle_with` (AWS_THROTTLE_WITH: throttling, the default, or 503), in runs of
# `aws_throttle_burst` calls (AWS_THROTTLE_BURST, default 1).
start_aws()
{
    moto=$(command -v moto_server) || die "${name} needs moto_server (pip install 'moto[server]')"
    moto_endpoint=${aws_endpoint}
    if [ -n "${aws_throttle:-}" ]; then
        moto_endpoint=http://127.0.0.1:${aws_port}
        ip netns exec "${vpc_ns}" "${moto}" -H 127.0.0.1 -p "${aws_port}" </dev/null >"${work}/moto.log" 2>&1 &
        moto_pid=$!
        # The python3 installed with moto_server, like aws-setup.sh's below.
        ip netns exec "${vpc_ns}" env PATH="$(dirname "${moto}"):${PATH}" python3 "${here}/aws-throttle.py" \
            "10.0.2.2:${aws_port}" "127.0.0.1:${aws_port}" "${aws_throttle}" "${aws_throttle_with:-throttling}" \
            "${aws_throttle_burst:-1}" </dev/null >"${work}/aws-throttle.log" 2>&1 &
        proxy_pid=$!
    else
        ip netns exec "${vpc_ns}" "${moto}" -H 10.0.2.2 -p "${aws_port}" </dev/null >"${work}/moto.log" 2>&1 &
        moto_pid=$!
    fi
    if [ -f "${scenario}/aws-setup.sh" ]; then
        # The python3 installed with moto_server (a venv's, pyenv's) is the one that has boto3.
        ip netns exec "${vpc_ns}" env PATH="$(dirname "${moto}"):${PATH}" no_proxy=10.0.2.2 NO_PROXY=10.0.2.2 \
            AWS_ENDPOINT_URL="${moto_endpoint}" AWS_ACCESS_KEY_ID=test \
            AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_SEED="${here}/aws-seed.py" \
            sh "${scenario}/aws-setup.sh" </dev/null >"${work}/aws-setup.log" 2>&1 &
        aws_setup_pid=$!
    fi
}

# dnsmasq writes its pid file once its DHCP socket is bound.
dnsmasq_ready()
{
    [ -s "${work}/dnsmasq.pid" ]
}

await_dnsmasq()
{
    await "${dnsmasq_pid}" 100 0.05 "dnsmasq did not start within 5 s" dnsmasq_ready \
        "${work}/dnsmasq.out" "${work}/dnsmasq.log"
}

# Through the proxy too when there is one: it forwards /moto-api/ always.
moto_ready()
{
    ip netns exec "${vpc_ns}" busybox wget -q -Y off -O /dev/null "${moto_endpoint}/moto-api/" 2>/dev/null \
        && ip netns exec "${vpc_ns}" busybox wget -q -Y off -O /dev/null "${aws_endpoint}/moto-api/" 2>/dev/null
}

# await_aws: moto_server answers, and the scenario's aws-setup.sh has seeded it.
await_aws()
{
    [ -n "${moto_pid}" ] || return 0
    await "${moto_pid}" 300 0.1 "moto_server did not start within 30 s" moto_ready "${work}/moto.log" \
        "${work}/aws-throttle.log"
    [ -n "${aws_setup_pid}" ] || return 0
    setup_status=0
    wait "${aws_setup_pid}" || setup_status=$?
    aws_setup_pid=""
    if [ "${setup_status}" -ne 0 ]; then
        cat "${work}/aws-setup.log" >&2
        die "${scenario}/aws-setup.sh failed (status ${setup_status})"
    fi
}
