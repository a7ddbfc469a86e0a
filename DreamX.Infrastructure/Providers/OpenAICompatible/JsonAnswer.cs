using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DreamX.Infrastructure.Providers.OpenAICompatible;

/// <summary>
/// Gets the JSON out of what a chat model said (bare, in a ```json fence, or inside prose), reads it leniently where that
/// is unambiguous (a number or a boolean sent as a string where the schema wants a number or a boolean, a property name
/// or an enum value in another case) and checks it against the parts of a JSON schema that matter: types (also unions),
/// enums, patterns, required properties, array items, anyOf. The JSON returned is the normalised one, so the schema check
/// and the conversion that follows read the same thing.
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
                var node = JsonNode.Parse(candidate);
                var normalized = Normalize(node, jsonSchema);
                using var document = JsonDocument.Parse(normalized?.ToJsonString() ?? "null");
                var mismatch = Validate(document.RootElement, jsonSchema);
                if (mismatch is null)
                    return (normalized is null ? "null" : normalized.ToJsonString(Compact), null);
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

    /// <summary>
    /// <paramref name="value"/> made to fit <paramref name="jsonSchema"/> where only one reading is possible; anything
    /// else is left as it is for <see cref="Validate"/> to judge.
    /// </summary>
    public static JsonNode? Normalize(JsonNode? value, string? jsonSchema)
    {
        if (string.IsNullOrWhiteSpace(jsonSchema))
            return value;
        try
        {
            using var schema = JsonDocument.Parse(jsonSchema);
            return Normalize(value, schema.RootElement);
        }
        catch (JsonException)
        {
            return value;
        }
    }

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    private static JsonNode? Normalize(JsonNode? value, JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || value is null)
            return value;
        var types = TypesOf(schema);

        if (value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String)
        {
            var text = scalar.GetValue<string>().Trim();
            if (types.Contains("integer") && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var whole) && whole == decimal.Truncate(whole))
                return JsonValue.Create((long)whole);
            if (types.Contains("number") && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                return JsonValue.Create(number);
            if (types.Contains("boolean") && !types.Contains("string") && bool.TryParse(text, out var flag))
                return JsonValue.Create(flag);
            if (schema.TryGetProperty("enum", out var members) && members.ValueKind == JsonValueKind.Array)
            {
                var match = members.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()!)
                    .Where(m => string.Equals(Key(m), Key(text), StringComparison.Ordinal)).ToList();
                if (match.Count == 1)
                    return JsonValue.Create(match[0]);
            }
            return value;
        }

        if (value is JsonObject obj && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            // A key in another case (or snake_case for camelCase) is renamed when exactly one property fits it.
            foreach (var name in obj.Select(p => p.Key).ToList())
            {
                if (properties.TryGetProperty(name, out _))
                    continue;
                var fits = properties.EnumerateObject().Select(p => p.Name).Where(p => Key(p) == Key(name)).ToList();
                if (fits.Count == 1 && !obj.ContainsKey(fits[0]))
                {
                    var child = obj[name];
                    obj.Remove(name);
                    obj[fits[0]] = child;
                }
            }
            foreach (var property in properties.EnumerateObject())
            {
                if (obj.ContainsKey(property.Name))
                {
                    var child = obj[property.Name];
                    var normalized = Normalize(child, property.Value);
                    if (!ReferenceEquals(child, normalized))
                        obj[property.Name] = normalized;
                }
            }
            return obj;
        }

        if (value is JsonArray array && schema.TryGetProperty("items", out var items))
        {
            for (var i = 0; i < array.Count; i++)
            {
                var child = array[i];
                var normalized = Normalize(child, items);
                if (!ReferenceEquals(child, normalized))
                    array[i] = normalized;
            }
        }
        return value;
    }

    private static string Key(string name) => name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();

    private static HashSet<string> TypesOf(JsonElement schema)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        if (!schema.TryGetProperty("type", out var type))
            return types;
        if (type.ValueKind == JsonValueKind.String)
            types.Add(type.GetString()!);
        else if (type.ValueKind == JsonValueKind.Array)
            types.UnionWith(type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!));
        return types;
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
        var types = TypesOf(schema);
        if (types.Count > 0 && !types.Any(t => IsOfType(value, t)))
            return $"{path} should be {string.Join(" or ", types)} but is {value.ValueKind.ToString().ToLowerInvariant()}";
        if (schema.TryGetProperty("enum", out var members) && members.ValueKind == JsonValueKind.Array
            && !members.EnumerateArray().Any(m => JsonElement.DeepEquals(m, value)))
            return $"{path} should be one of {members.GetRawText()} but is {value.GetRawText()}";
        if (value.ValueKind == JsonValueKind.String && schema.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.String
            && !Regex.IsMatch(value.GetString()!, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
            return types.Contains("integer") || types.Contains("number")
                ? $"{path} should be {(types.Contains("integer") ? "integer" : "number")} but is {value.GetRawText()}"
                : $"{path} does not match {pattern.GetString()}";
        foreach (var keyword in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(keyword, out var options) && options.ValueKind == JsonValueKind.Array
                && options.GetArrayLength() > 0 && !options.EnumerateArray().Any(option => Check(value, option, path) is null))
                return $"{path} fits none of the allowed shapes ({Check(value, options[0], path)})";
        }

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
