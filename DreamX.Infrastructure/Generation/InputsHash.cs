using System.Security.Cryptography;
using System.Text;
using DreamX.Domain.Generation;

namespace DreamX.Infrastructure.Generation;

/// <summary>The result-cache key of a task's inputs: SHA-256 (hex) of its type, quality and input JSON.</summary>
public static class InputsHash
{
    public static string Of(GenerationTaskType type, GenerationQuality quality, string? inputJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{type}\n{quality}\n{inputJson}")));
}
