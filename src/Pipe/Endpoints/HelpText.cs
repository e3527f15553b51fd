namespace HoodyKit.Pipe.Endpoints;

/// <summary>The <c>/help</c> text: curl examples against the URL the caller used, so they run as printed.</summary>
internal static class HelpText
{
    public static string Render(string url) => $$"""
        Hoody Pipe {{ReservedPaths.Version}}
        Streaming Data Transfer over HTTP

        ======= Get  =======
        curl {{url}}/mypath

        ======= Send =======
        # Send a file
        curl -T myfile {{url}}/mypath

        # Send a text
        echo 'hello!' | curl -T - {{url}}/mypath

        # Send a directory (zip)
        zip -q -r - ./mydir | curl -T - {{url}}/mypath

        # Send a directory (tar.gz)
        tar zfcp - ./mydir | curl -T - {{url}}/mypath

        ======= Several receivers =======
        # The sender and every receiver give the same n (1 to 256); all get identical bytes
        curl -T myfile '{{url}}/mypath?n=3'
        curl '{{url}}/mypath?n=3'   # three times

        ======= Download control =======
        # Save as a download in the browser, with the sender's or the path's name
        {{url}}/mypath?download
        # ...with a name of your own
        {{url}}/mypath?filename=report.pdf
        # Show inline, never as a download
        {{url}}/mypath?download=false

        ======= Video in the browser =======
        # Open in a browser while a WebM, fragmented MP4 or MPEG-TS stream is sent to /mypath
        {{url}}/mypath?video

        ======= Progress =======
        # Server-sent events (state, progress, done); a dashboard when opened in a browser
        curl -N '{{url}}/mypath?progress'

        ======= End-to-end encryption (OpenSSL) =======
        # Send
        cat myfile | openssl aes-256-cbc -pbkdf2 | curl -T - {{url}}/mypath
        # Get
        curl {{url}}/mypath | openssl aes-256-cbc -d -pbkdf2

        """;
}
