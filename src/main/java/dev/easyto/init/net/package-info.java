/** Network bring-up: the DHCP client, rtnetlink link/address/route messages, resolv.conf. */
package dev.easyto.init.net;
