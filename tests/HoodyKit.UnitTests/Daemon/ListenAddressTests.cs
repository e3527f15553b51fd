using System.Net;
using HoodyKit.Daemon.Hosting;

namespace HoodyKit.UnitTests.Daemon;

public sealed class ListenAddressTests
{
    [TestCase("127.0.0.1:7700", "127.0.0.1:7700", true)]
    [TestCase("[::1]:7700", "[::1]:7700", true)]
    [TestCase("localhost:80", "localhost:80", true)]
    [TestCase("0.0.0.0:7700", "0.0.0.0:7700", false)]
    [TestCase("*:7700", "0.0.0.0:7700", false)]
    [TestCase("10.1.2.3:0", "10.1.2.3:0", false)]
    [TestCase("unix:/run/hoodykit.sock", "unix:/run/hoodykit.sock", true)]
    public void Valid_addresses_parse_and_know_whether_they_are_local(string text, string shown, bool local)
    {
        var address = ListenAddress.TryParse(text, out var problem);
        Assert.That(problem, Is.Null);
        Assert.That(address!.ToString(), Is.EqualTo(shown));
        Assert.That(address.IsLocalOnly, Is.EqualTo(local));
    }

    [TestCase("7700")]
    [TestCase("127.0.0.1")]
    [TestCase("127.0.0.1:99999")]
    [TestCase("example.com:80")]
    [TestCase("unix:relative.sock")]
    [TestCase("127.0.0.1:-1")]
    public void Invalid_addresses_explain_themselves(string text)
    {
        Assert.That(ListenAddress.TryParse(text, out var problem), Is.Null);
        Assert.That(problem, Does.Contain(text));
    }

    [Test]
    public void Ipv6_loopback_is_local() =>
        Assert.That(ListenAddress.TryParse("[::1]:1", out _)!.Address, Is.EqualTo(IPAddress.IPv6Loopback));
}
