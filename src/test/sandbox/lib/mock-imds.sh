# The mock IMDS (dev.easyto.init.imds.MockImds from the test classes), as both harnesses run it:
# on the JDK at `java_home`, in a network namespace the guest reaches, serving the files of
# ${work}/imds. Sourced by harness.sh; the harness sets `work`, `scenario`, `java_home`,
# `nic_count` and `spot_delay`, and puts the scenario's user data into `imds_dir` its own way.

# find_mock_imds: `test_classes`, the mock's classpath (TEST_CLASSES, default target/test-classes),
# which must hold the compiled mock.
find_mock_imds()
{
    test_classes=$(absolute "${TEST_CLASSES:-${repo}/target/test-classes}")
    [ -f "${test_classes}/dev/easyto/init/imds/MockImds.class" ] \
        || die "mock IMDS not compiled in ${test_classes} (run: mvn -q package -DskipTests)"
}

# mock_imds_dir: `imds_dir`, what the mock serves, with the scenario's extra meta-data (imds/)
# and the faults it asks of IMDS (imds-faults: status sequences, drops, garbage and delays per
# path, unreachable for the first seconds; the format is in dev.easyto.init.imds.ImdsFaults).
mock_imds_dir()
{
    imds_dir=${work}/imds
    mkdir -p "${imds_dir}"
    [ ! -d "${scenario}/imds" ] || cp -R "${scenario}/imds" "${imds_dir}/imds"
    [ ! -f "${scenario}/imds-faults" ] || cp "${scenario}/imds-faults" "${imds_dir}/imds-faults"
}

# start_mock_imds NETNS ADDRESS:PORT: the mock, in the background (`imds_pid`); it creates
# `ready` once it listens. The JVM takes a moment to start: callers start it early and let it do
# so while they build the root.
start_mock_imds()
{
    ready=${work}/imds.ready
    ip netns exec "${1}" "${java_home}/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto \
        -cp "${test_classes}" dev.easyto.init.imds.MockImds --listen "${2}" \
        --scenario "${imds_dir}" --nic-count "${nic_count}" --spot-delay "${spot_delay}" \
        --ready-file "${ready}" </dev/null >"${work}/imds.log" 2>&1 &
    imds_pid=$!
}

mock_imds_ready()
{
    [ -f "${ready}" ]
}

await_mock_imds()
{
    await "${imds_pid}" 200 0.05 "the mock IMDS did not start within 10 s" mock_imds_ready "${work}/imds.log"
}
