using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Offboarding.Functions.Tests.Hosting.Deployment.Infrastructure;

/// <summary>
/// Evaluates the ARM template language expressions <c>bicep build</c> writes (<c>"[max(1, div(parameters('a'), 4))]"</c>)
/// as far as a test can without Azure: literals, <c>parameters()</c>, <c>variables()</c>, <c>copyIndex()</c>, member and
/// index access, and the pure functions the template uses. Functions that need a deployment (<c>resourceId</c>,
/// <c>reference</c>, <c>guid</c>…) evaluate to an opaque text <c>name(arg,arg)</c> of their evaluated arguments, so a test
/// can still see which resource type or role definition they name.
/// </summary>
internal sealed class ArmExpression
{
    private readonly JsonObject _template;
    private readonly IReadOnlyDictionary<string, JsonNode?> _parameters;
    private readonly int? _copyIndex;

    public ArmExpression(JsonObject template, IReadOnlyDictionary<string, JsonNode?> parameters, int? copyIndex = null)
    {
        _template = template;
        _parameters = parameters;
        _copyIndex = copyIndex;
    }

    public ArmExpression ForCopy(int index) => new(_template, _parameters, index);

    /// <summary>A template value: expression strings evaluated, objects and arrays evaluated member by member.</summary>
    public JsonNode? Evaluate(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => EvaluateString(text),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Evaluate(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Evaluate).ToArray()),
        _ => node?.DeepClone(),
    };

    public string? EvaluateText(JsonNode? node) => Evaluate(node) switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var other => other.ToJsonString(),
    };

    public long EvaluateInt(JsonNode? node) => Evaluate(node) is JsonValue v && v.TryGetValue<long>(out var n)
        ? n
        : throw new InvalidOperationException($"Not an integer: {node?.ToJsonString()}");

    private JsonNode? EvaluateString(string text)
    {
        if (text.StartsWith("[[", StringComparison.Ordinal))
        {
            return JsonValue.Create(text[1..]);
        }

        if (!text.StartsWith('[') || !text.EndsWith(']'))
        {
            return JsonValue.Create(text);
        }

        var parser = new Parser(text[1..^1], this);
        var result = parser.ParseExpression();
        parser.ExpectEnd();
        return result;
    }

    private JsonNode? Variable(string name)
    {
        var variables = _template["variables"]?.AsObject() ?? throw new InvalidOperationException("The template has no variables.");
        return variables.TryGetPropertyValue(name, out var value)
            ? new ArmExpression(_template, _parameters, _copyIndex).Evaluate(value)
            : throw new InvalidOperationException($"The template has no variable '{name}'.");
    }

    private JsonNode? Parameter(string name) =>
        _parameters.TryGetValue(name, out var value) ? value?.DeepClone() : throw new InvalidOperationException($"No value for parameter '{name}'.");

    private JsonNode? Call(string name, List<JsonNode?> args)
    {
        switch (name.ToLowerInvariant())
        {
            case "parameters": return Parameter(Text(args[0]));
            case "variables": return Variable(Text(args[0]));
            case "copyindex": return JsonValue.Create((long)(_copyIndex ?? throw new InvalidOperationException("copyIndex() outside a copy loop.")) + (args.Count > 0 ? Int(args[0]) : 0));
            case "max": return JsonValue.Create(args.Select(Int).Max());
            case "min": return JsonValue.Create(args.Select(Int).Min());
            case "div": return JsonValue.Create(Int(args[0]) / Int(args[1]));
            case "mul": return JsonValue.Create(Int(args[0]) * Int(args[1]));
            case "add": return JsonValue.Create(Int(args[0]) + Int(args[1]));
            case "sub": return JsonValue.Create(Int(args[0]) - Int(args[1]));
            case "string": return JsonValue.Create(args[0] is JsonValue v && v.TryGetValue<string>(out var s) ? s : args[0]?.ToJsonString() ?? "null");
            case "length": return JsonValue.Create((long)(args[0] switch { JsonArray a => a.Count, JsonObject o => o.Count, var t => Text(t).Length }));
            case "createarray": return new JsonArray(args.Select(a => a?.DeepClone()).ToArray());
            case "empty": return JsonValue.Create(args[0] switch { null => true, JsonArray a => a.Count == 0, JsonObject o => o.Count == 0, var other => Text(other).Length == 0 });
            case "not": return JsonValue.Create(!Bool(args[0]));
            case "and": return JsonValue.Create(args.All(Bool));
            case "or": return JsonValue.Create(args.Any(Bool));
            case "equals": return JsonValue.Create(JsonNode.DeepEquals(args[0], args[1]));
            case "if": return Bool(args[0]) ? args[1]?.DeepClone() : args[2]?.DeepClone();
            case "format":
                var pattern = Text(args[0]);
                var values = args.Skip(1).Select(a => a is JsonValue v2 && v2.TryGetValue<string>(out var t) ? t : a?.ToJsonString() ?? "").ToArray();
                return JsonValue.Create(string.Format(CultureInfo.InvariantCulture, pattern, values));
            default:
                // Needs a deployment: an opaque text naming the function and its evaluated arguments.
                return JsonValue.Create($"{name}({string.Join(",", args.Select(a => a is JsonValue v3 && v3.TryGetValue<string>(out var t3) ? t3 : a?.ToJsonString()))})");
        }
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new InvalidOperationException($"Not a string: {node?.ToJsonString()}");

    private static long Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n)
        ? n
        : node is JsonValue w && w.TryGetValue<int>(out var i) ? i : throw new InvalidOperationException($"Not an integer: {node?.ToJsonString()}");

    private static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw new InvalidOperationException($"Not a bool: {node?.ToJsonString()}");

    private sealed class Parser(string text, ArmExpression owner)
    {
        private int _at;

        public void ExpectEnd()
        {
            SkipSpace();
            if (_at != text.Length)
            {
                throw new FormatException($"Unexpected '{text[_at..]}' in [{text}].");
            }
        }

        public JsonNode? ParseExpression()
        {
            SkipSpace();
            JsonNode? value;
            if (Peek() == '\'')
            {
                value = JsonValue.Create(ReadString());
            }
            else if (char.IsDigit(Peek()) || Peek() == '-')
            {
                var start = _at++;
                while (_at < text.Length && char.IsDigit(text[_at]))
                {
                    _at++;
                }

                value = JsonValue.Create(long.Parse(text[start.._at], CultureInfo.InvariantCulture));
            }
            else
            {
                var name = ReadName();
                switch (name)
                {
                    case "true": value = JsonValue.Create(true); break;
                    case "false": value = JsonValue.Create(false); break;
                    case "null": value = null; break;
                    default:
                        Expect('(');
                        var args = new List<JsonNode?>();
                        SkipSpace();
                        if (Peek() != ')')
                        {
                            do
                            {
                                args.Add(ParseExpression());
                                SkipSpace();
                            }
                            while (TryTake(','));
                        }

                        Expect(')');
                        value = owner.Call(name, args);
                        break;
                }
            }

            // Member and index access.
            while (true)
            {
                SkipSpace();
                if (TryTake('.'))
                {
                    var member = ReadName();
                    value = value is JsonObject obj
                        ? obj.TryGetPropertyValue(member, out var m) ? m?.DeepClone() : throw new InvalidOperationException($"No member '{member}' in {obj.ToJsonString()}.")
                        : JsonValue.Create($"{(value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString())}.{member}");
                }
                else if (TryTake('['))
                {
                    var index = ParseExpression();
                    SkipSpace();
                    Expect(']');
                    value = (value, index) switch
                    {
                        (JsonArray array, JsonValue i) when i.TryGetValue<long>(out var n) => array[(int)n]?.DeepClone(),
                        (JsonObject obj, JsonValue k) when k.TryGetValue<string>(out var key) => obj[key]?.DeepClone(),
                        _ => throw new InvalidOperationException($"Cannot index {value?.ToJsonString()} by {index?.ToJsonString()}."),
                    };
                }
                else
                {
                    return value;
                }
            }
        }

        private char Peek() => _at < text.Length ? text[_at] : '\0';

        private void SkipSpace()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        private bool TryTake(char c)
        {
            SkipSpace();
            if (Peek() != c)
            {
                return false;
            }

            _at++;
            return true;
        }

        private void Expect(char c)
        {
            if (!TryTake(c))
            {
                throw new FormatException($"Expected '{c}' at {_at} in [{text}].");
            }
        }

        private string ReadName()
        {
            SkipSpace();
            var start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] == '_'))
            {
                _at++;
            }

            return _at > start ? text[start.._at] : throw new FormatException($"Expected a name at {start} in [{text}].");
        }

        private string ReadString()
        {
            Expect('\'');
            var result = new StringBuilder();
            while (true)
            {
                if (_at >= text.Length)
                {
                    throw new FormatException($"Unterminated string in [{text}].");
                }

                var c = text[_at++];
                if (c == '\'')
                {
                    if (Peek() == '\'')
                    {
                        result.Append('\'');
                        _at++;
                        continue;
                    }

                    return result.ToString();
                }

                result.Append(c);
            }
        }
    }
}
