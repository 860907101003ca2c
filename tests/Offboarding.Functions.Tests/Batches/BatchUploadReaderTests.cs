using System.Text;
using System.Text.Json;
using Offboarding.Functions.Batches;
using Offboarding.Functions.Tests.Contracts;

namespace Offboarding.Functions.Tests.Batches;

/// <summary>Issue 25, layer 1: an upload is read as a CSV or JSON batch, every row checked as a webhook request would be,
/// and a refused one names each bad row by line and column.</summary>
public sealed class BatchUploadReaderTests
{
    private const string BatchId = "0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly BatchUploadReader _reader = new(Published.Schemas, Published.Reader(Now));

    private BatchUpload Csv(string text, string? name = "Q1 layoff", string? reason = "restructuring", string? startAt = null) =>
        _reader.ReadCsv(BatchId, text, name, reason, startAt);

    [Fact]
    public void A_valid_csv_becomes_one_request_per_line_in_order()
    {
        var upload = Csv("workEmail,hrisId,name,effectiveAt,transferTo\r\n" +
            "Liam.Carter@northwind.example,E-1,Liam Carter,2026-03-31T17:00:00Z,\r\n" +
            "sam.patel@northwind.example,E-2,\"Patel, Sam\",,maria.lopez@northwind.example\r\n");

        Assert.Empty(upload.Problems);
        var rows = upload.Submission!.Rows;
        Assert.Equal([2, 3], rows.Select(r => r.Row.Line));
        Assert.Equal("liam.carter@northwind.example", rows[0].Request.Employee!.WorkEmail);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 17, 0, 0, TimeSpan.Zero), rows[0].Request.EffectiveAt);
        Assert.Equal("Patel, Sam", rows[1].Request.Employee!.Name);
        Assert.Equal("maria.lopez@northwind.example", rows[1].Request.Transfer.To!.Email);
        Assert.Equal($"{BatchId}.3", rows[1].Request.SourceEventId);
        Assert.Equal("Q1 layoff", upload.Submission.Name);
    }

    [Fact]
    public void Every_bad_row_is_named_by_line_and_column_and_nothing_is_accepted()
    {
        var upload = Csv("workEmail,hrisId,effectiveAt,operation\n" +
            "ok.person@northwind.example,E-1,,\n" +
            "not-an-email,E-2,,\n" +
            "x@northwind.example,E 3,2026-03-31T17:00:00,\n" +
            "y@northwind.example,E-4,,role_delete_and_transfer\n" +
            "z@northwind.example,E-5,,,extra\n" +
            ",E-6,,\n");

        Assert.Null(upload.Submission);
        var found = upload.Problems.Select(p => (p.Line, p.Column)).ToHashSet();
        Assert.Contains((3, "workEmail"), found);
        Assert.Contains((4, "hrisId"), found);
        Assert.Contains((4, "effectiveAt"), found);
        Assert.Contains((5, "operation"), found);
        Assert.Contains((6, (string?)null), found);
        Assert.Contains((7, "workEmail"), found);
        Assert.DoesNotContain(upload.Problems, p => p.Line == 2);
    }

    [Fact]
    public void A_quoted_field_over_two_lines_keeps_the_line_numbers_of_the_file()
    {
        var upload = Csv("name,workEmail\n\"Ann\nBee\",ann@northwind.example\nCarl,bad@\n");

        // The line break inside the quoted name is a control character, which a request refuses: the row is line 2, the next line 4.
        Assert.Equal([(2, "name"), (4, "workEmail")], upload.Problems.Select(p => (p.Line ?? 0, p.Column!)).Order());
    }

    [Fact]
    public void An_unknown_or_repeated_header_column_and_missing_batch_fields_are_refused()
    {
        var upload = Csv("workEmail,email,workEmail\na@northwind.example,b,c\n", name: null, reason: null, startAt: "tomorrow");

        var found = upload.Problems.Select(p => (p.Line, p.Column)).ToHashSet();
        Assert.Contains((1, "email"), found);
        Assert.Contains((1, "workEmail"), found);
        Assert.Contains(((int?)null, "name"), found);
        Assert.Contains(((int?)null, "reason"), found);
        Assert.Contains(((int?)null, "startAt"), found);
    }

    [Fact]
    public void A_json_batch_is_read_with_its_rows_numbered_from_one()
    {
        var json = """
            {"name":"Q1","reason":"restructuring","startAt":"2026-03-02T08:00:00+01:00",
             "rows":[{"workEmail":"a@northwind.example","hrisId":"E-1"},{"workEmail":"b@northwind.example","nickname":"B"},{"workEmail":7}]}
            """;

        var upload = _reader.ReadJson(BatchId, Encoding.UTF8.GetBytes(json));

        Assert.Null(upload.Submission);
        Assert.Equal([(2, "nickname"), (3, "workEmail")], upload.Problems.Select(p => (p.Line ?? 0, p.Column!)).Order());
    }

    [Fact]
    public void A_valid_json_batch_keeps_its_start_time()
    {
        var json = """{"name":"Q1","reason":"restructuring","startAt":"2026-03-02T08:00:00+01:00","rows":[{"workEmail":"a@northwind.example"}]}""";

        var upload = _reader.ReadJson(BatchId, Encoding.UTF8.GetBytes(json));

        Assert.Empty(upload.Problems);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero), upload.Submission!.StartAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("""{"name":"Q1","reason":"r","rows":[]}""")]
    [InlineData("""{"name":"Q1","reason":"r"}""")]
    [InlineData("""{"name":"Q1","reason":"r","rows":[],"extra":1}""")]
    public void A_json_body_without_people_is_refused(string json)
    {
        var upload = _reader.ReadJson(BatchId, Encoding.UTF8.GetBytes(json));

        Assert.Null(upload.Submission);
        Assert.NotEmpty(upload.Problems);
    }

    [Fact]
    public void More_than_ten_thousand_rows_are_refused()
    {
        var text = new StringBuilder("workEmail\n");
        for (var i = 0; i <= BatchUploadReader.MaxRows; i++)
        {
            text.Append('p').Append(i).Append("@northwind.example\n");
        }

        var upload = Csv(text.ToString());

        Assert.Contains(upload.Problems, p => p.Column == "rows" && p.Detail.Contains("10000", StringComparison.Ordinal));
    }

    [Fact]
    public void A_refusal_lists_the_first_hundred_problems_and_says_how_many_there_are()
    {
        var text = new StringBuilder("workEmail\n");
        for (var i = 0; i < 250; i++)
        {
            text.Append("broken").Append(i).Append('\n');
        }

        var answer = BatchResponses.Refused(Csv(text.ToString()).Problems);

        Assert.Equal(422, answer.StatusCode);
        using var problem = JsonDocument.Parse(answer.Body!);
        Assert.Equal(250, problem.RootElement.GetProperty("total").GetInt32());
        var errors = problem.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(100, errors.Count);
        Assert.Equal(2, errors[0].GetProperty("line").GetInt32());
        Assert.Equal("workEmail", errors[0].GetProperty("column").GetString());
    }
}
