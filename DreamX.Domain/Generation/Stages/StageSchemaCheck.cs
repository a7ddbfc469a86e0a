using System.Text.Json;
using System.Text.Json.Nodes;

namespace DreamX.Domain.Generation.Stages;

/// <summary>
/// Checks a JSON answer against a stage schema: the subset the exporter writes (type, properties, required,
/// items, enum, $ref within the document). Returns the problems found, each with its JSON path; none means it fits.
/// </summary>
public static class StageSchemaCheck
{
    public static IReadOnlyList<string> Problems(string json, string schemaJson)
    {
        JsonNode? answer;
        try
        {
            answer = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            return [$"$: not JSON ({ex.Message})"];
        }

        var schema = JsonNode.Parse(schemaJson) ?? throw new ArgumentException("Empty schema.", nameof(schemaJson));
        var problems = new List<string>();
        Check(answer, schema, schema, "$", problems);
        return problems;
    }

    private static void Check(JsonNode? value, JsonNode schema, JsonNode root, string path, List<string> problems)
    {
        if (schema is JsonValue)
            return; // `true` schema: anything goes
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            Check(value, Resolve(root, reference), root, path, problems);
            return;
        }

        var kind = KindOf(value);
        if (schema["type"] is { } type)
        {
            var allowed = type is JsonArray many ? many.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
            if (!allowed.Contains(kind) && !(kind == "integer" && allowed.Contains("number")))
            {
                problems.Add($"{path}: expected {string.Join("|", allowed)}, found {kind}");
                return;
            }
        }

        if (schema["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
            problems.Add($"{path}: {value?.ToJsonString()} is not one of {options.ToJsonString()}");

        if (value is JsonObject obj)
        {
            foreach (var required in schema["required"]?.AsArray() ?? [])
            {
                var name = required!.GetValue<string>();
                if (!obj.ContainsKey(name))
                    problems.Add($"{path}.{name}: required");
            }
            if (schema["properties"] is JsonObject properties)
            {
                foreach (var (name, propertySchema) in properties)
                {
                    if (obj.TryGetPropertyValue(name, out var propertyValue) && propertySchema is not null)
                        Check(propertyValue, propertySchema, root, $"{path}.{name}", problems);
                }
            }
        }
        else if (value is JsonArray array && schema["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++)
                Check(array[i], items, root, $"{path}[{i}]", problems);
        }
    }

    private static string KindOf(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => value.ToJsonString().Contains('.') || value.ToJsonString().Contains('e') ? "number" : "integer",
        _ => "unknown",
    };

    private static JsonNode Resolve(JsonNode root, string reference)
    {
        if (!reference.StartsWith('#'))
            throw new NotSupportedException($"Only local references are supported: {reference}");
        var node = root;
        foreach (var part in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            node = node[part.Replace("~1", "/").Replace("~0", "~")] ?? throw new ArgumentException($"Dangling reference {reference}");
        return node;
    }
}
