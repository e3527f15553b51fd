using HoodyKit.Core.Routing;

namespace HoodyKit.UnitTests.Core;

public sealed class ServiceHostTests
{
    private static readonly HashSet<string> s_services = ["daemon", "files", "cron", "terminal"];

    private static ServiceHost? Parse(string host) => ServiceHost.Parse(host, s_services.Contains);

    [TestCase("p1-c1-files-1.srv.containers.example", "files", 1)]
    [TestCase("p1-c1-daemon-1.srv.example", "daemon", 1)]
    [TestCase("files-2.localhost", "files", 2)]
    [TestCase("files-2.localhost:7700", "files", 2)]
    [TestCase("abc-def-terminal-0.x.example", "terminal", 0)]
    [TestCase("FILES-3.localhost", "files", 3)]
    public void Indexed_first_label_selects_service_and_index(string host, string service, int index) =>
        Assert.That(Parse(host), Is.EqualTo(new ServiceHost(service, index)));

    [TestCase("cron.localhost")]
    [TestCase("cron")]
    [TestCase("cron:7700")]
    public void Bare_service_label_selects_service_without_index(string host) =>
        Assert.That(Parse(host), Is.EqualTo(new ServiceHost("cron", null)));

    [TestCase("127.0.0.1:7700")]
    [TestCase("localhost")]
    [TestCase("[::1]:7700")]
    [TestCase("p1-c1-unknown-1.srv.example")]
    [TestCase("p1-c1-files.srv.example")]
    [TestCase("files-x.localhost")]
    [TestCase("")]
    public void Other_hosts_select_nothing(string host) => Assert.That(Parse(host), Is.Null);
}
