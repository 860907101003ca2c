using System.Text;

namespace Offboarding.Functions.Batches;

/// <summary>Reads an RFC 4180 CSV as an HRIS export gives it: a header row, quoted fields that may hold commas, quotes ("")
/// and line breaks, CRLF or LF; each record keeps the line it starts on so a problem can name it.</summary>
public static class BatchCsv
{
    /// <summary>The rows, or the problems that keep the file from being read at all (header, quoting, field counts).</summary>
    public static (IReadOnlyList<BatchRow> Rows, IReadOnlyList<BatchRowProblem> Problems) Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = Records(text.StartsWith('\uFEFF') ? text[1..] : text).ToList();
        var problems = new List<BatchRowProblem>();
        if (records.Count == 0 || records[0].Fields.All(string.IsNullOrWhiteSpace))
        {
            return ([], [new BatchRowProblem(1, null, "The file is empty: it needs a header row naming the columns, e.g. " + string.Join(',', BatchColumns.All) + ".")]);
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        foreach (var (name, index) in header.Select((name, index) => (name, index)))
        {
            if (!BatchColumns.All.Contains(name, StringComparer.Ordinal))
            {
                problems.Add(new BatchRowProblem(1, Printable(name), $"Unknown column (column {index + 1}); the columns are {string.Join(", ", BatchColumns.All)}."));
            }
            else if (header.IndexOf(name) != index)
            {
                problems.Add(new BatchRowProblem(1, name, "Appears more than once in the header."));
            }
        }

        if (!header.Contains(BatchColumns.WorkEmail) && !header.Contains(BatchColumns.HrisId))
        {
            problems.Add(new BatchRowProblem(1, null, "The header names neither workEmail nor hrisId: nobody could be found."));
        }

        var rows = new List<BatchRow>();
        foreach (var record in records.Skip(1))
        {
            if (record.Error is { } error)
            {
                problems.Add(new BatchRowProblem(record.Line, null, error));
                continue;
            }

            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (record.Fields.Count != header.Count)
            {
                problems.Add(new BatchRowProblem(record.Line, null, $"Has {record.Fields.Count} fields; the header has {header.Count}."));
                continue;
            }

            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                fields.TryAdd(header[i], record.Fields[i]);
            }

            rows.Add(new BatchRow(record.Line, fields));
        }

        return (rows, problems);
    }

    private static string Printable(string name) => new([.. name.Where(c => !char.IsControl(c)).Take(64)]);

    private static IEnumerable<CsvRecord> Records(string text)
    {
        var line = 1;
        var position = 0;
        while (position < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            string? error = null;
            var quoted = false;
            var endOfRecord = false;
            while (position < text.Length && !endOfRecord)
            {
                var c = text[position++];
                if (quoted)
                {
                    if (c == '"' && position < text.Length && text[position] == '"')
                    {
                        field.Append('"');
                        position++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                        if (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                        {
                            error ??= "A closing quote must end its field; write a quote inside a quoted field as \"\".";
                        }
                    }
                    else
                    {
                        line += c == '\n' ? 1 : 0;
                        field.Append(c);
                    }
                }
                else if (c == '"' && field.Length == 0)
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else if (c is '\r' or '\n')
                {
                    if (c == '\r' && position < text.Length && text[position] == '\n')
                    {
                        position++;
                    }

                    line++;
                    endOfRecord = true;
                }
                else
                {
                    field.Append(c);
                }
            }

            if (quoted)
            {
                error = "A quoted field is not closed before the end of the file.";
            }

            fields.Add(field.ToString());
            yield return new CsvRecord(start, fields, error);
        }
    }

    private sealed record CsvRecord(int Line, List<string> Fields, string? Error);
}
