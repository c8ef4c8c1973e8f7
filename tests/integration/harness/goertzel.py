"""Tone detection in a WAV recording: the Goertzel filter's power at one frequency against its neighbours."""
import math
import struct
import wave


def read_mono(path, max_seconds=10):
    """Samples of channel 0 of a 16-bit PCM WAV as floats in [-1, 1], and the sample rate."""
    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != 2:
            raise ValueError(f"{path}: {8 * w.getsampwidth()}-bit samples, expected 16")
        rate, channels = w.getframerate(), w.getnchannels()
        frames = w.readframes(min(w.getnframes(), rate * max_seconds))
    values = struct.unpack(f"<{len(frames) // 2}h", frames)
    return [v / 32768.0 for v in values[::channels]], rate


def power(samples, rate, freq):
    """Goertzel power of `freq` over the samples, normalised by their count."""
    if not samples:
        return 0.0
    coeff = 2.0 * math.cos(2.0 * math.pi * freq / rate)
    s1 = s2 = 0.0
    for x in samples:
        s1, s2 = x + coeff * s1 - s2, s1
    return (s1 * s1 + s2 * s2 - coeff * s1 * s2) / len(samples)


def dominant(path, candidates, skip_seconds=0.5):
    """{freq: power} for each candidate frequency in the recording, skipping its first `skip_seconds`."""
    samples, rate = read_mono(path)
    samples = samples[int(rate * skip_seconds):]
    return {f: power(samples, rate, f) for f in candidates}
