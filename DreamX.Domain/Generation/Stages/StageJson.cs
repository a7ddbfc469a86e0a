using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using DreamX.Domain.Common;

namespace DreamX.Domain.Generation.Stages;

/// <summary>
/// How stage JSON is written and read by every provider and the engine: camelCase, enums as camelCase strings,
/// required constructor parameters and nullability enforced, Chinese written as is (not \u escapes).
/// </summary>
public static class StageJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads stage JSON; a missing required field, a null where none is allowed or a bad enum is a failure with the reason.</summary>
    public static Result<T> Deserialize<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) is { } value
                ? Result<T>.Success(value)
                : Result<T>.Failure("The answer is JSON null.");
        }
        catch (JsonException ex)
        {
            return Result<T>.Failure($"The answer does not fit {typeof(T).Name}: {ex.Message}");
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
