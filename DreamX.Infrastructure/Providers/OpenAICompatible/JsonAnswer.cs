using System.Text.Json;
using System.Text.RegularExpressions;

namespace DreamX.Infrastructure.Providers.OpenAICompatible;

/// <summary>
/// Gets the JSON out of what a chat model said (bare, in a ```json fence, or inside prose) and checks it against the
/// parts of a JSON schema that matter most: types, required properties, array items.
/// </summary>
public static partial class JsonAnswer
{
    /// <summary>The JSON text, or an error saying why there is none that fits.</summary>
    public static (string? Json, string? Error) Extract(string? content, string? jsonSchema)
    {
        if (string.IsNullOrWhiteSpace(content))
            return (null, "the answer was empty");

        // The first candidate that parses says best what is wrong: later ones are fragments of it.
        string? schemaError = null, syntaxError = null;
        foreach (var candidate in Candidates(content))
        {
            try
            {
                using var document = JsonDocument.Parse(candidate);
                var mismatch = Validate(document.RootElement, jsonSchema);
                if (mismatch is null)
                    return (document.RootElement.GetRawText(), null);
                schemaError ??= mismatch;
            }
            catch (JsonException ex)
            {
                syntaxError ??= $"not valid JSON ({ex.Message})";
            }
        }
        return (null, schemaError ?? syntaxError ?? "no JSON object found in the answer");
    }

    /// <summary>Null when <paramref name="value"/> fits the schema (or there is no usable schema), else the first mismatch.</summary>
    public static string? Validate(JsonElement value, string? jsonSchema)
    {
        if (string.IsNullOrWhiteSpace(jsonSchema))
            return null;
        try
        {
            using var schema = JsonDocument.Parse(jsonSchema);
            return Check(value, schema.RootElement, "$");
        }
        catch (JsonException)
        {
            return null; // A schema we cannot read checks nothing rather than failing every answer.
        }
    }

    private static IEnumerable<string> Candidates(string content)
    {
        var trimmed = content.Trim();
        yield return trimmed;
        foreach (Match fence in Fence().Matches(content))
            yield return fence.Groups["body"].Value.Trim();
        foreach (var (open, close) in new[] { ('{', '}'), ('[', ']') })
        {
            var start = content.IndexOf(open);
            var end = content.LastIndexOf(close);
            if (start >= 0 && end > start)
                yield return content[start..(end + 1)];
        }
    }

    private static string? Check(JsonElement value, JsonElement schema, string path)
    {
        if (schema.ValueKind != JsonValueKind.Object)
            return null;
        if (schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && !IsOfType(value, type.GetString()!))
            return $"{path} should be {type.GetString()} but is {value.ValueKind.ToString().ToLowerInvariant()}";

        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()).OfType<string>())
                {
                    if (!value.TryGetProperty(name, out _))
                        return $"{path}.{name} is required but missing";
                }
            }
            if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (value.TryGetProperty(property.Name, out var child) && Check(child, property.Value, $"{path}.{property.Name}") is { } error)
                        return error;
                }
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (Check(item, items, $"{path}[{index++}]") is { } error)
                    return error;
            }
        }
        return null;
    }

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    [GeneratedRegex(@"```(?:json|JSON)?\s*(?<body>[\s\S]*?)```")]
    private static partial Regex Fence();
}
