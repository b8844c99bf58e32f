package dev.easyto.init.net;

/** rtnetlink's numbers, from {@code linux/netlink.h}, {@code linux/rtnetlink.h} and {@code linux/if_*.h}. */
final class Rtnl {
    static final int NLMSG_HEADER_BYTES = 16;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;

    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_MULTI = 0x2;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_DUMP = 0x300;
    static final int NLM_F_REPLACE = 0x100;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;

    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;
    static final int RTM_SETLINK = 19;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;

    /** {@code struct ifinfomsg}: family, pad, type, index, flags, change. */
    static final int IFINFOMSG_BYTES = 16;
    /** {@code struct ifaddrmsg}: family, prefix length, flags, scope, index. */
    static final int IFADDRMSG_BYTES = 8;
    /** {@code struct rtmsg}: family, dst/src length, tos, table, protocol, scope, type, flags. */
    static final int RTMSG_BYTES = 12;

    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_CARRIER = 33;
    static final int IFLA_INFO_KIND = 1;

    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_BROADCAST = 4;

    static final int RTA_GATEWAY = 5;
    static final int RTA_OIF = 4;

    static final int RT_TABLE_MAIN = 254;
    /** Marks the default route as DHCP's in {@code ip route} ("proto dhcp"). */
    static final int RTPROT_DHCP = 16;

    static final int RT_SCOPE_UNIVERSE = 0;
    static final int RT_SCOPE_HOST = 254;
    /** On a delete: any scope matches. */
    static final int RT_SCOPE_NOWHERE = 255;

    static final int RTN_UNICAST = 1;

    /** Attribute types may carry NLA_F_NESTED and NLA_F_NET_BYTEORDER in their top bits. */
    static final int NLA_TYPE_MASK = 0x3FFF;

    private Rtnl() {}

    static int align(int length) {
        return (length + 3) & ~3;
    }
}
