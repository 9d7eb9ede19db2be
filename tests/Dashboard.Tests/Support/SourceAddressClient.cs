using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Dashboard.Tests.Support;

/// <summary>
/// An HTTP client whose connections leave from a chosen loopback address (all of 127.0.0.0/8 is this machine),
/// so a proxy in front of the app sees a client that is not 127.0.0.1 while the app sees the proxy at 127.0.0.1.
/// A small receive buffer keeps Linux from autotuning it to megabytes, so a slow reader's backlog stays upstream.
/// With a <see cref="NetworkNamespace"/>, the connections are made in it (null: the machine's loopback).
/// </summary>
internal static class SourceAddressClient
{
    public static HttpClient Create(Uri baseAddress, IPAddress source, string user, string password, int? receiveBufferBytes = null, NetworkNamespace? network = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            MaxResponseDrainSize = 0,
            ConnectCallback = async (context, cancellation) =>
            {
                var socket = network?.CreateSocket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) ?? new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                socket.NoDelay = true;
                try
                {
                    if (receiveBufferBytes is { } bytes)
                    {
                        socket.ReceiveBufferSize = bytes;
                    }

                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellation);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }
}
