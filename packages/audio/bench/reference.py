"""Python reference timings for packages/audio/bench/audio.bench.ts (run with /usr/bin/python3).

argv: <flac path> <mono 22050 Hz float32 raw file> <mono 44100 Hz float32 raw file> <repeats>
Prints one JSON object {row: seconds | null} (best of <repeats>); modules that are missing give null.
"""
import json
import sys
import time

flac_path, y22_path, y44_path, repeats = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
out = {}


def best(fn):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


try:
    import numpy as np
except ImportError:  # pragma: no cover
    np = None

try:
    import torch
    import torchaudio

    torch.set_num_threads(1)
    resampler = torchaudio.transforms.Resample(44100, 16000)

    def load_resample():
        wav, sr = torchaudio.load(flac_path)
        mono = wav.mean(dim=0, keepdim=True)
        return resampler(mono)

    out["flac_resample"] = best(load_resample)
    y22 = torch.from_numpy(np.fromfile(y22_path, dtype=np.float32))
    mel = torchaudio.transforms.MelSpectrogram(
        sample_rate=22050, n_fft=2048, hop_length=512, n_mels=128, norm="slaney", mel_scale="slaney", pad_mode="constant"
    )
    out["mel"] = best(lambda: mel(y22))
    out["torch_threads"] = torch.get_num_threads()
except ImportError:
    out["flac_resample"] = None
    out["mel"] = None

try:
    import scipy.fftpack
    import scipy.signal

    y44 = np.fromfile(y44_path, dtype=np.float32)
    out["resample_poly"] = best(lambda: scipy.signal.resample_poly(y44, 1, 2))

    y22n = np.fromfile(y22_path, dtype=np.float32)
    def log_filterbank():
        freqs = np.fft.fftfreq(1410, 1.0 / 22050)[:705]
        left, right = np.floor(np.log2(30 / 440.0) * 24), np.ceil(np.log2(17000 / 440.0) * 24)
        f = 440.0 * 2.0 ** (np.arange(left, right) / 24.0)
        f = f[np.searchsorted(f, 30):]
        f = f[: np.searchsorted(f, 17000, "right")]
        idx = np.clip(freqs.searchsorted(f), 1, 704)
        idx -= f - freqs[idx - 1] < freqs[idx] - f
        bins = np.unique(idx)
        fb = np.zeros((705, len(bins) - 2), dtype=np.float32)
        for i, (a, c, b) in enumerate(zip(bins[:-2], bins[1:-1], bins[2:])):
            tri = np.concatenate([np.linspace(0, 1, c - a, endpoint=False), np.linspace(1, 0, b - c, endpoint=False)]).astype(np.float32)
            fb[a:b, i] = np.maximum(fb[a:b, i], tri / tri.sum())
        return fb

    fb = log_filterbank()

    # madmom's LOG_SPECT pipeline (madmom itself is not packaged): framing, np.hanning, scipy.fftpack.fft(1411),
    # complex64 cast, magnitude, sparse log filterbank as a dense float32 matmul (like madmom), log10(1+x), diff.
    def log_spect():
        frame, hop = 1411, 441
        n = len(y22n)
        t_frames = -(-n // hop)
        padded = np.zeros(n + 2 * frame, dtype=np.float32)
        padded[frame:frame + n] = y22n
        idx = (np.arange(t_frames) * hop - 705 + frame)[:, None] + np.arange(frame)[None, :]
        frames = padded[idx]
        win = np.hanning(frame)
        spec = np.abs(scipy.fftpack.fft(frames * win, frame, axis=1)[:, :705].astype(np.complex64))
        s = np.log10(spec.dot(fb) + 1)
        d = np.maximum(0, np.diff(s, axis=0, prepend=s[:1]))
        return np.hstack([s, d])

    out["logspect"] = best(log_spect)
except ImportError:
    out["resample_poly"] = None
    out["logspect"] = None

try:
    import librosa

    y22n = np.fromfile(y22_path, dtype=np.float32)[: 30 * 22050]

    def hcqt():
        return [np.abs(librosa.cqt(y22n, sr=22050, fmin=h * 32.7, hop_length=512, bins_per_octave=60, n_bins=360)) for h in (0.5, 1, 2, 3, 4, 5)]

    out["hcqt"] = best(hcqt)
except ImportError:
    out["hcqt"] = None

print(json.dumps(out))
