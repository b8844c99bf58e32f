/** Block devices: NVMe to EC2 device naming, mkfs, root volume resize. */
package dev.easyto.init.disk;
