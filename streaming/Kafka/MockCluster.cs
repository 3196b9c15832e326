using System.Runtime.InteropServices;
using System.Text;

namespace OpenData.Streaming.Kafka;

/// <summary>
/// librdkafka's mock cluster: brokers in this process that speak the real Kafka protocol on 127.0.0.1, to any
/// client (Confluent.Kafka, kcat). For tests and <c>Kafka:Embedded</c>; it keeps at most about 5 MiB per
/// partition, so consume while producing. Broker ids run from 1 to the broker count.
/// </summary>
public sealed class MockCluster : IDisposable
{
    private readonly IntPtr _kafka;
    private IntPtr _cluster;

    private MockCluster(IntPtr kafka, IntPtr cluster)
    {
        _kafka = kafka;
        _cluster = cluster;
        BootstrapServers = Marshal.PtrToStringUTF8(MockClusterMethods.Bootstraps(cluster))!;
    }

    /// <summary>The brokers' addresses, for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <exception cref="DllNotFoundException">librdkafka is missing.</exception>
    public static MockCluster Start(int brokers = 1)
    {
        KafkaNativeLibrary.EnsureLoaded();
        var error = new byte[512];
        var conf = MockClusterMethods.ConfNew();
        // The handle only hosts the cluster: keep its own log quiet unless something is wrong.
        MockClusterMethods.ConfSet(conf, "log_level", "3", error, (nuint)error.Length);
        var kafka = MockClusterMethods.New(MockClusterMethods.ProducerType, conf, error, (nuint)error.Length);
        if (kafka == IntPtr.Zero)
        {
            MockClusterMethods.ConfDestroy(conf);
            throw new InvalidOperationException("librdkafka could not create a client for the mock cluster: " + Text(error));
        }
        var cluster = MockClusterMethods.ClusterNew(kafka, brokers);
        if (cluster == IntPtr.Zero)
        {
            MockClusterMethods.Destroy(kafka);
            throw new InvalidOperationException("librdkafka could not start a mock cluster.");
        }
        return new MockCluster(kafka, cluster);
    }

    /// <summary>Creates a topic (the admin API's CreateTopics is not supported by the mock); an existing topic is left as it is.</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        var error = MockClusterMethods.TopicCreate(Cluster, topic, partitions, replicationFactor);
        // RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS
        if (error != 0 && error != 36)
        {
            throw new InvalidOperationException($"The mock cluster could not create topic '{topic}': error {error}.");
        }
    }

    public void SetBrokerDown(int brokerId) => Check(MockClusterMethods.BrokerSetDown(Cluster, brokerId), "set broker down");

    public void SetBrokerUp(int brokerId) => Check(MockClusterMethods.BrokerSetUp(Cluster, brokerId), "set broker up");

    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(MockClusterMethods.PartitionSetLeader(Cluster, topic, partition, brokerId), "set partition leader");

    /// <summary>The next requests of this type fail with these Kafka error codes, one each, in order.</summary>
    public void PushRequestErrors(KafkaRequest request, params int[] errorCodes) =>
        MockClusterMethods.PushRequestErrors(Cluster, (short)request, (nuint)errorCodes.Length, errorCodes);

    public void ClearRequestErrors(KafkaRequest request) => MockClusterMethods.ClearRequestErrors(Cluster, (short)request);

    public void Dispose()
    {
        if (_cluster == IntPtr.Zero)
        {
            return;
        }
        MockClusterMethods.ClusterDestroy(_cluster);
        MockClusterMethods.Destroy(_kafka);
        _cluster = IntPtr.Zero;
    }

    private IntPtr Cluster => _cluster != IntPtr.Zero ? _cluster : throw new ObjectDisposedException(nameof(MockCluster));

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"The mock cluster could not {what}: error {error}.");
        }
    }

    private static string Text(byte[] buffer) => Encoding.UTF8.GetString(buffer, 0, Math.Max(0, Array.IndexOf(buffer, (byte)0)));
}
