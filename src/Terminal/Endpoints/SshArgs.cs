using HoodyKit.Terminal.Sessions;

namespace HoodyKit.Terminal.Endpoints;

/// <summary>The SSH fields a session request may carry (query string or JSON body): none without <c>ssh_host</c>.</summary>
internal static class SshArgs
{
    public static (SshTarget? Target, string? Problem) Read(Func<string, string?> field) =>
        field("ssh_host") is { } host
            ? SshTarget.From(host, field("ssh_user"), field("ssh_port"), field("ssh_password"), field("ssh_key"),
                field("socks5_host"), field("socks5_port"), field("socks5_user"))
            : (null, null);
}
