# The sandbox: the init as PID 1 of fresh pid/mount/uts/ipc namespaces inside the sandbox's
# network namespace, started through enter-sandbox.sh, signalled and killed from the host, and
# the host's state it may change. Sourced by run-scenario.sh after harness.sh, vpc.sh (for
# `aws_endpoint`) and host-services.sh; run-scenario.sh sets `here`, `work`, `scenario`,
# `imds_dir`, `image`, `console`, `sbx_ns`, `java_home`, `app_dir`, `init_command`, `init_env`,
# `use_aws`, `services_from_host` and `root_device` (lib/kept-root.sh).

# Upstream's commands write to the QEMU serial console; here the console is the init's standard
# output. This is the only change made to upstream's scenario data.
to_console()
{
    sed 's#>/dev/ttyS0#>\&1#g'
}

# serve_user_data: the scenario's user data, the first of its three forms it has, into imds_dir.
serve_user_data()
{
    if [ -f "${scenario}/user-data.yaml" ]; then
        to_console <"${scenario}/user-data.yaml" >"${imds_dir}/user-data.yaml"
    elif [ -f "${scenario}/user-data.gz" ]; then
        gzip -dc "${scenario}/user-data.gz" | to_console | gzip -9n >"${imds_dir}/user-data.gz"
    elif [ -f "${scenario}/user-data-source.yaml" ]; then
        # The mock serves this one gzipped, as upstream's gzip-userdata setup script did.
        to_console <"${scenario}/user-data-source.yaml" >"${imds_dir}/user-data-source.yaml"
    fi
}

# net.* sysctls belong to the sandbox's network namespace, but vm.*, kernel.*, fs.* and dev.* are
# the host's: remember the values of any the user data names, and put them back afterwards.
save_global_sysctls()
{
    sysctl_backup=${work}/sysctls.saved
    : >"${sysctl_backup}"
    for file in "${imds_dir}"/user-data*; do
        [ -f "${file}" ] || continue
        case "${file}" in
            *.gz) gzip -dc "${file}" ;;
            *) cat "${file}" ;;
        esac
    done | grep -oE 'name: *["'"'"']?(vm|kernel|fs|dev)\.[A-Za-z0-9_.]+' | sed -E 's/name: *["'"'"']?//' | sort -u |
        while IFS= read -r sysctl; do
            path=/proc/sys/$(echo "${sysctl}" | tr . /)
            [ ! -f "${path}" ] || printf '%s %s\n' "${path}" "$(cat "${path}")" >>"${sysctl_backup}"
        done
}

restore_global_sysctls()
{
    [ -f "${sysctl_backup:-}" ] || return 0
    while read -r path value; do
        echo "${value}" >"${path}" 2>/dev/null || echo "${harness}: cannot restore ${path}" >&2
    done <"${sysctl_backup}"
}

# write_init_env: `env_file`, what a kernel gives PID 1, plus the scenario's ENV_ keys (the
# kernel command line's part).
write_init_env()
{
    env_file=${work}/init.env
    {
        echo "HOME=/"
        echo "TERM=linux"
        # As upstream's harness puts it on the kernel command line; the mock answers there.
        echo "AWS_EC2_METADATA_SERVICE_ENDPOINT=http://169.254.169.254"
        # The init keeps a copy of its boot trace where enter-sandbox.sh shows ${work}/out.
        echo "EASYTO_TRACE_COPY=/.easyto-harness/boot-trace.json"
        for assignment in ${init_env}; do
            echo "${assignment}"
        done
        [ "${use_aws}" != 1 ] || echo "AWS_ENDPOINT_URL=${aws_endpoint}"
        if [ -f "${scenario}/config" ]; then
            sed -n 's/^[[:space:]]*ENV_\([A-Za-z_][A-Za-z0-9_]*=\)/\1/p' "${scenario}/config"
        fi
    } >"${env_file}"
}

# start_sandbox: the init must be PID 1 of the new pid namespace: enter-sandbox.sh is unshare's
# child and execs the init through env and chroot, leaving no shell behind. The console reaches
# it as fd 3, so what ip and unshare themselves print stays out of it. With the host's chronyd
# inside, the sandbox also loses CAP_SYS_TIME. Sets `sandbox_pid`.
start_sandbox()
{
    drop_time=""
    [ "${services_from_host}" != 1 ] || host_services_bounding_set
    # shellcheck disable=SC2086
    ROOT_DEVICE="${root_device}" TRACE_OUT="${work}/out" ip netns exec "${sbx_ns}" unshare --pid --mount --uts --ipc --fork --kill-child ${drop_time} \
        /bin/sh "${here}/enter-sandbox.sh" "${work}/root" "${image}" "${work}/empty" "${java_home}" \
        "${app_dir}" "${env_file}" "${work}/setup.log" "${work}/started" ${init_command} ${init_args} \
        </dev/null >"${work}/unshare.log" 2>&1 3>"${console}" &
    sandbox_pid=$!
}

# The host pid of the sandbox's PID 1: unshare --fork's only child.
sandbox_init()
{
    [ -n "${sandbox_pid}" ] || return 0
    cut -d ' ' -f 1 "/proc/${sandbox_pid}/task/${sandbox_pid}/children" 2>/dev/null || true
}

# SIGKILL to a pid namespace's init kills every process in the namespace; unshare then reaps it
# and exits, so nothing is left to the host's init.
kill_sandbox()
{
    init=$(sandbox_init)
    [ -z "${init}" ] || kill -KILL "${init}" 2>/dev/null || true
    ticks=20
    while [ "${ticks}" -gt 0 ] && alive "${sandbox_pid}"; do
        sleep 0.1
        ticks=$((ticks - 1))
    done
    kill -KILL "${sandbox_pid}" 2>/dev/null || true
}

# start_signaller: SEND_SIGNAL's signal to the init, its delay after the init's "boot completed"
# console line (once the init was exec'd: enter-sandbox.sh marks that with ${work}/started), or with POWERDOWN_AFTER signal 38 (EC2's
# stop, the power button) once the console shows that text; says in the harness's notes whether
# it could. Sets `signaller_pid`.
start_signaller()
{
    (
        wait_while_alive "${sandbox_pid}" 0.05 test -e "${work}/started" || exit 0
        if [ -n "${powerdown_after}" ]; then
            wait_while_alive "${sandbox_pid}" 0.05 grep -qF -e "${powerdown_after}" "${console}" || exit 0
        else
            # Counted from the boot's end, as the VM harness counts: the scenario is about what the
            # command and the init do then, and a loaded machine stretches the boot before it.
            wait_while_alive "${sandbox_pid}" 0.05 grep -qF -e "boot completed in" "${console}" || exit 0
            sleep "${signal_delay}"
        fi
        init=$(sandbox_init)
        if [ -n "${init}" ] && kill -s "${signal}" "${init}"; then
            echo "${harness}: sent signal ${signal} to the init (host pid ${init})" >>"${work}/harness.log"
        else
            echo "${harness}: could not send signal ${signal} to the init" >>"${work}/harness.log"
        fi
    ) </dev/null >/dev/null 2>&1 &
    signaller_pid=$!
}
