"""UDP datagrams out of a classic pcap file (tshark -F pcap on `lo`), and what media tests ask of them:
packets per port-range pair, RTP payloads, and the byte entropy that tells SRTP from G.711."""
import math
import struct
from collections import Counter
from dataclasses import dataclass

_LINK_ETHERNET = 1
_LINK_LINUX_SLL = 113
_LINK_RAW = 101


@dataclass
class UdpDatagram:
    src: str
    sport: int
    dst: str
    dport: int
    payload: bytes


def _ipv4_udp(frame):
    if len(frame) < 20 or frame[0] >> 4 != 4 or frame[9] != 17:
        return None
    ihl = (frame[0] & 0x0F) * 4
    udp = frame[ihl:]
    if len(udp) < 8:
        return None
    sport, dport, length = struct.unpack("!HHH", udp[:6])
    return UdpDatagram(".".join(map(str, frame[12:16])), sport, ".".join(map(str, frame[16:20])), dport,
                       bytes(udp[8:length]))


def read_udp(path):
    """Every IPv4 UDP datagram of a pcap (microsecond or nanosecond, either byte order)."""
    data = open(path, "rb").read()
    if len(data) < 24:
        return []
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        endian = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        endian = ">"
    else:
        raise ValueError(f"{path}: not a classic pcap file (write it with tshark -F pcap)")
    link = struct.unpack(endian + "I", data[20:24])[0]
    out, pos = [], 24
    while pos + 16 <= len(data):
        incl = struct.unpack(endian + "I", data[pos + 8:pos + 12])[0]
        frame = data[pos + 16:pos + 16 + incl]
        pos += 16 + incl
        if link == _LINK_ETHERNET:
            ip = frame[14:] if frame[12:14] == b"\x08\x00" else b""
        elif link == _LINK_LINUX_SLL:
            ip = frame[16:]
        elif link == _LINK_RAW:
            ip = frame
        else:
            raise ValueError(f"{path}: link type {link} not handled")
        d = _ipv4_udp(ip)
        if d is not None:
            out.append(d)
    return out


def between(datagrams, src_ports, dst_ports, min_len=100):
    """Datagrams from a port in `src_ports` to one in `dst_ports` (ranges), at least `min_len` bytes
    (RTCP is shorter than a 20 ms G.711 packet)."""
    return [d for d in datagrams if d.sport in src_ports and d.dport in dst_ports and len(d.payload) >= min_len]


def rtp_seq(payload):
    return struct.unpack("!H", payload[2:4])[0]


def entropy_bits_per_byte(payloads):
    """Shannon entropy of the bytes after the 12-byte RTP header, over every payload given."""
    counts = Counter()
    for p in payloads:
        counts.update(p[12:])
    total = sum(counts.values())
    if not total:
        return 0.0
    return -sum(c / total * math.log2(c / total) for c in counts.values())
