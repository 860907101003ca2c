namespace Offboarding.LocalHost.Queues;

/// <summary>The Functions host's naming rule for the queue that receives messages which kept failing.</summary>
public static class PoisonQueueNaming
{
    public static string NameFor(string queueName) => queueName + "-poison";
}
