using System.Text;

namespace HoodyKit.Pipe.Endpoints;

/// <summary>The <c>/help</c> text: curl examples against the URL the caller used, so they run as printed.</summary>
internal static class HelpText
{
    public static string Render(string url)
    {
        var text = new StringBuilder();
        text.Append("Hoody Pipe ").Append(ReservedPaths.Version).Append('\n');
        text.Append("Streaming Data Transfer over HTTP\n\n");
        text.Append("======= Get  =======\n");
        text.Append("curl ").Append(url).Append("/mypath\n\n");
        text.Append("======= Send =======\n");
        text.Append("# Send a file\n");
        text.Append("curl -T myfile ").Append(url).Append("/mypath\n\n");
        text.Append("# Send a text\n");
        text.Append("echo 'hello!' | curl -T - ").Append(url).Append("/mypath\n\n");
        text.Append("# Send a directory (zip)\n");
        text.Append("zip -q -r - ./mydir | curl -T - ").Append(url).Append("/mypath\n\n");
        text.Append("# Send a directory (tar.gz)\n");
        text.Append("tar zfcp - ./mydir | curl -T - ").Append(url).Append("/mypath\n\n");
        text.Append("======= Several receivers =======\n");
        text.Append("# The sender and every receiver give the same n (1 to 256); all get identical bytes\n");
        text.Append("curl -T myfile '").Append(url).Append("/mypath?n=3'\n");
        text.Append("curl '").Append(url).Append("/mypath?n=3'   # three times\n\n");
        text.Append("======= Download control =======\n");
        text.Append("# Save as a download in the browser, with the sender's or the path's name\n");
        text.Append(url).Append("/mypath?download\n");
        text.Append("# ...with a name of your own\n");
        text.Append(url).Append("/mypath?filename=report.pdf\n");
        text.Append("# Show inline, never as a download\n");
        text.Append(url).Append("/mypath?download=false\n\n");
        text.Append("======= Video in the browser =======\n");
        text.Append("# Open in a browser while a WebM, fragmented MP4 or MPEG-TS stream is sent to /mypath\n");
        text.Append(url).Append("/mypath?video\n\n");
        text.Append("======= Progress =======\n");
        text.Append("# Server-sent events (state, progress, done); a dashboard when opened in a browser\n");
        text.Append("curl -N '").Append(url).Append("/mypath?progress'\n\n");
        text.Append("======= End-to-end encryption (OpenSSL) =======\n");
        text.Append("# Send\n");
        text.Append("cat myfile | openssl aes-256-cbc -pbkdf2 | curl -T - ").Append(url).Append("/mypath\n");
        text.Append("# Get\n");
        text.Append("curl ").Append(url).Append("/mypath | openssl aes-256-cbc -d -pbkdf2\n");
        return text.ToString();
    }
}
