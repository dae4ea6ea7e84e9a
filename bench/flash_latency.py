#!/usr/bin/env python3
"""Round-trip latency of the virtual ST-LINK while the firmware runs: the
stlink-server requests OpenOCD makes most (a DHCSR poll, a 4 KiB block read),
timed from the client side.  OpenOCD gives every reply 1 s.
usage: flash_latency.py PORT [COUNT]"""
import socket
import struct
import sys
import time

port = int(sys.argv[1])
count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
s = socket.create_connection(("127.0.0.1", port))
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def rx(n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c:
            sys.exit("flash_latency: the server closed the connection")
        b += c
    return b


s.sendall(bytes([6, 1, 0, 0]))                                  # GET_SERVER_VERSION
rx(16)
s.sendall(bytes([3, 0, 0, 0]) + struct.pack("<I", 0x374B0001))  # OPEN_DEV
cid = struct.unpack("<I", rx(8)[4:])[0]


def usb(cmd, size):
    s.sendall(bytes([5, 0, 0, 0]) + struct.pack("<I", cid) + cmd.ljust(16, b"\0") +
              bytes([1, 0, 0, 0]) + struct.pack("<I", size))
    return rx(4 + size)


usb(b"\xf2\x30\xa3", 2)                                         # ENTER SWD
lat = []
for _ in range(count):
    t = time.perf_counter()
    usb(b"\xf2\x36" + struct.pack("<I", 0xE000EDF0), 8)         # READDEBUGREG DHCSR
    lat.append(time.perf_counter() - t)
    t = time.perf_counter()
    usb(b"\xf2\x07" + struct.pack("<IH", 0x20000000, 4096), 4096)  # READMEM_32BIT 4 KiB
    lat.append(time.perf_counter() - t)
usb(b"\xf2\x21", 0)                                             # DEBUG EXIT
lat.sort()
print("  ST-LINK request latency, firmware running: %d requests, median %.3f ms, "
      "p99 %.3f ms, max %.3f ms (OpenOCD allows 1000 ms)" %
      (len(lat), lat[len(lat) // 2] * 1e3, lat[int(len(lat) * 0.99)] * 1e3, lat[-1] * 1e3))
