using System.Text;
using Offboarding.Storage.Queues;
using TestSupport;

namespace Offboarding.Storage.Tests.Queues;

public sealed class QueueClientTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _fixture;

    public QueueClientTests(AzuriteFixture fixture) => _fixture = fixture;


    [Fact]
    public async Task Create_if_not_exists_is_idempotent_and_delete_if_exists_reports_what_happened()
    {
        var queue = await _fixture.NewQueueAsync();
        await queue.CreateIfNotExistsAsync();

        Assert.Equal(0, (await queue.GetPropertiesAsync()).ApproximateMessagesCount);
        Assert.True(await queue.DeleteIfExistsAsync());
        Assert.False(await queue.DeleteIfExistsAsync());
    }

    [Fact]
    public async Task Send_receive_delete_round_trip()
    {
        var queue = await _fixture.NewQueueAsync();

        var receipt = await queue.SendMessageAsync("{\"hello\":\"world\"}");
        var received = Assert.Single(await queue.ReceiveMessagesAsync());

        Assert.Equal(receipt.MessageId, received.MessageId);
        Assert.Equal("{\"hello\":\"world\"}", received.MessageText);
        Assert.Equal(1, received.DequeueCount);
        Assert.False(received.DecodingFailed);
        Assert.True(received.NextVisibleOn > received.InsertedOn);

        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);
        Assert.Empty(await queue.PeekMessagesAsync(32));
        Assert.Equal(0, (await queue.GetPropertiesAsync()).ApproximateMessagesCount);
    }

    [Fact]
    public async Task Base64_is_the_wire_format_by_default()
    {
        var queue = await _fixture.NewQueueAsync();
        var raw = new QueueClient(_fixture.ConnectionString, queue.Name, new StorageClientOptions { MessageEncoding = QueueMessageEncoding.None });

        await queue.SendMessageAsync("plain text");

        var onTheWire = Assert.Single(await raw.PeekMessagesAsync());
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("plain text")), onTheWire.MessageText);
    }

    [Fact]
    public async Task A_message_that_is_not_base64_is_flagged_not_thrown()
    {
        var queue = await _fixture.NewQueueAsync();
        var raw = new QueueClient(_fixture.ConnectionString, queue.Name, new StorageClientOptions { MessageEncoding = QueueMessageEncoding.None });

        await raw.SendMessageAsync("not base64 at all!");

        var received = Assert.Single(await queue.ReceiveMessagesAsync());
        Assert.True(received.DecodingFailed);
        Assert.Equal("not base64 at all!", received.MessageText);
    }

    [Fact]
    public async Task Initial_visibility_delay_hides_the_message()
    {
        var queue = await _fixture.NewQueueAsync();

        await queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromHours(1), timeToLive: TimeSpan.FromDays(2));

        Assert.Empty(await queue.ReceiveMessagesAsync());
        Assert.Equal(1, (await queue.GetPropertiesAsync()).ApproximateMessagesCount);
    }

    [Fact]
    public async Task Time_to_live_sets_expiry_and_infinite_never_expires()
    {
        var queue = await _fixture.NewQueueAsync();

        var shortLived = await queue.SendMessageAsync("a", timeToLive: TimeSpan.FromMinutes(10));
        var forever = await queue.SendMessageAsync("b", timeToLive: Timeout.InfiniteTimeSpan);

        Assert.InRange(shortLived.ExpiresOn - shortLived.InsertedOn, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(11));
        Assert.True(forever.ExpiresOn.Year >= 9999);
    }

    [Fact]
    public async Task Receive_takes_up_to_32_and_hides_them()
    {
        var queue = await _fixture.NewQueueAsync();
        for (var i = 0; i < 40; i++)
        {
            await queue.SendMessageAsync($"m{i}");
        }

        var first = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5));
        var rest = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5));

        Assert.Equal(32, first.Count);
        Assert.Equal(8, rest.Count);
        Assert.Equal(40, first.Concat(rest).Select(m => m.MessageText).Distinct().Count());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(33));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(0));
    }

    [Fact]
    public async Task A_message_whose_visibility_expires_reappears_with_dequeue_count_2()
    {
        var queue = await _fixture.NewQueueAsync();
        await queue.SendMessageAsync("retry me");

        var first = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(1)));
        var again = await PollUntilReceivedAsync(queue);

        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal(2, again.DequeueCount);
        Assert.NotEqual(first.PopReceipt, again.PopReceipt);

        // The first pop receipt is stale now: deleting with it is refused by the service.
        var stale = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.DeleteMessageAsync(first.MessageId, first.PopReceipt));
        Assert.Equal(400, stale.Status);
        await queue.DeleteMessageAsync(again.MessageId, again.PopReceipt);
    }

    [Fact]
    public async Task Update_changes_text_and_visibility_and_returns_the_new_pop_receipt()
    {
        var queue = await _fixture.NewQueueAsync();
        await queue.SendMessageAsync("v1");
        var received = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromMinutes(5)));

        var update = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, "v2 ✓", TimeSpan.Zero);

        Assert.NotEqual(received.PopReceipt, update.PopReceipt);
        var again = Assert.Single(await queue.ReceiveMessagesAsync());
        Assert.Equal("v2 ✓", again.MessageText);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task Update_without_text_sends_an_empty_body_and_only_extends_visibility()
    {
        var queue = await _fixture.NewQueueAsync();
        await queue.SendMessageAsync("keep me");
        var received = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(30)));

        var update = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, visibilityTimeout: TimeSpan.FromHours(1));

        Assert.True(update.NextVisibleOn > received.NextVisibleOn);
        Assert.Empty(await queue.PeekMessagesAsync());
        await queue.DeleteMessageAsync(received.MessageId, update.PopReceipt);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).ApproximateMessagesCount);
    }

    [Fact]
    public async Task Peek_does_not_change_visibility_or_dequeue_count()
    {
        var queue = await _fixture.NewQueueAsync();
        await queue.SendMessageAsync("one");
        await queue.SendMessageAsync("two");

        var peeked = await queue.PeekMessagesAsync(10);

        Assert.Equal(["one", "two"], peeked.Select(p => p.MessageText).Order());
        Assert.All(peeked, p => Assert.Equal(0, p.DequeueCount));
        Assert.Equal(2, (await queue.ReceiveMessagesAsync(10)).Count);
    }

    [Fact]
    public async Task Clear_removes_every_message()
    {
        var queue = await _fixture.NewQueueAsync();
        for (var i = 0; i < 5; i++)
        {
            await queue.SendMessageAsync($"m{i}");
        }

        Assert.Equal(5, (await queue.GetPropertiesAsync()).ApproximateMessagesCount);
        await queue.ClearMessagesAsync();
        Assert.Equal(0, (await queue.GetPropertiesAsync()).ApproximateMessagesCount);
    }

    [Theory]
    [InlineData(QueueMessageEncoding.Base64)]
    [InlineData(QueueMessageEncoding.None)]
    public async Task Non_ascii_and_xml_special_text_round_trips(QueueMessageEncoding encoding)
    {
        var queue = await _fixture.NewQueueAsync(options: new StorageClientOptions { MessageEncoding = encoding });
        const string text = "Zoë Ærøskøbing — 東京 🚀 <tag attr=\"x\">&amp; ' \" </QueueMessage>";

        await queue.SendMessageAsync(text);

        Assert.Equal(text, Assert.Single(await queue.ReceiveMessagesAsync()).MessageText);
    }

    [Fact]
    public async Task Near_limit_payload_round_trips_and_one_byte_more_is_rejected_before_sending()
    {
        var queue = await _fixture.NewQueueAsync();
        // 49,152 UTF-8 bytes base64-encode to exactly 65,536 characters, the service limit.
        var atLimit = new string('x', 49_150) + "é";
        Assert.Equal(49_152, Encoding.UTF8.GetByteCount(atLimit));

        await queue.SendMessageAsync(atLimit);
        var received = Assert.Single(await queue.ReceiveMessagesAsync());
        Assert.Equal(atLimit, received.MessageText);
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        var oversize = atLimit + "y";
        var error = await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync(oversize));
        Assert.Contains("65536", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).ApproximateMessagesCount);
    }

    [Fact]
    public async Task Oversize_raw_text_is_rejected_and_text_xml_cannot_carry_is_rejected()
    {
        var queue = await _fixture.NewQueueAsync(options: new StorageClientOptions { MessageEncoding = QueueMessageEncoding.None });

        await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync(new string('€', 30_000)));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync("bell\u0007"));
        Assert.Equal(0, (await queue.GetPropertiesAsync()).ApproximateMessagesCount);
    }

    [Fact]
    public async Task Bad_arguments_fail_before_any_request()
    {
        var queue = await _fixture.NewQueueAsync();

        Assert.Throws<ArgumentException>(() => new QueueClient(_fixture.ConnectionString, "Bad_Name"));
        Assert.Throws<ArgumentException>(() => new QueueClient(_fixture.ConnectionString, "a--b"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.SendMessageAsync("x", visibilityTimeout: TimeSpan.FromDays(8)));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync("x", TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5)));
        await Assert.ThrowsAsync<ArgumentNullException>(() => queue.SendMessageAsync(null!));
    }

    [Fact]
    public async Task Operations_on_a_missing_queue_raise_the_storage_exception_with_status_and_code()
    {
        var queue = new QueueClient(_fixture.ConnectionString, AzuriteFixture.UniqueName("missing"));

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.SendMessageAsync("x"));

        Assert.Equal(404, error.Status);
        Assert.Equal("QueueNotFound", error.ErrorCode);
        Assert.Contains(queue.Name, error.Operation, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Contains("QueueNotFound", error.Message, StringComparison.Ordinal);
    }

    private static async Task<QueueMessage> PollUntilReceivedAsync(QueueClient queue)
    {
        // Generous deadline: this waits for the service's visibility expiry, it does not measure it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var messages = await queue.ReceiveMessagesAsync();
            if (messages.Count > 0)
            {
                return messages[0];
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The message did not become visible again within 30 seconds.");
    }
}
