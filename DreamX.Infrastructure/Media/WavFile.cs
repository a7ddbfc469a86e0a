using System.Buffers.Binary;
using System.Text;

namespace DreamX.Infrastructure.Media;

/// <summary>Reads the length of a PCM WAV from its header (the timeline is built on measured durations).</summary>
public static class WavFile
{
    /// <summary>The duration, or null when the bytes are not a RIFF/WAVE file with a fmt and a data chunk.</summary>
    public static TimeSpan? Duration(ReadOnlySpan<byte> wav)
    {
        if (wav.Length < 12 || Encoding.ASCII.GetString(wav[..4]) != "RIFF" || Encoding.ASCII.GetString(wav[8..12]) != "WAVE")
            return null;

        var byteRate = 0;
        var offset = 12;
        while (offset + 8 <= wav.Length)
        {
            var id = Encoding.ASCII.GetString(wav.Slice(offset, 4));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(offset + 4, 4));
            var body = offset + 8;
            if (id == "fmt " && body + 12 <= wav.Length)
            {
                byteRate = BinaryPrimitives.ReadInt32LittleEndian(wav.Slice(body + 8, 4));
            }
            else if (id == "data")
            {
                // Streamed WAVs (espeak-ng --stdout) leave the size unset: the data runs to the end of the file.
                var available = wav.Length - body;
                var length = size == 0 || size > available ? available : (long)size;
                return byteRate > 0 ? TimeSpan.FromSeconds(length / (double)byteRate) : null;
            }
            offset = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }
        return null;
    }
}
