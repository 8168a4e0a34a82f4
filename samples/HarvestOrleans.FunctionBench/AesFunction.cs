using System.Security.Cryptography;
using System.Text;
using HarvestOrleans.Functions;

namespace HarvestOrleans.FunctionBench;

/// <summary>pyaes: encrypts and decrypts a message with AES-256 (CBC) a number of times.</summary>
public sealed class AesFunction : HarvestFunction<AesFunction.Request, AesFunction.Response>
{
    public sealed record Request(int MessageBytes = 16_384, int Iterations = 2_000, int Seed = 1);

    public sealed record Response(int MessageBytes, int Iterations, string Sha256);

    protected override Task<Response> RunAsync(Request? input, FunctionContext context, CancellationToken cancellationToken)
    {
        var size = Inputs.InRange(input?.MessageBytes ?? 16_384, 1, 16 * 1024 * 1024, "messageBytes");
        var iterations = Inputs.InRange(input?.Iterations ?? 2_000, 1, 1_000_000, "iterations");
        var random = Inputs.Seeded(input?.Seed ?? 1);
        var message = new byte[size];
        random.NextBytes(message);
        var key = new byte[32];
        var iv = new byte[16];
        random.NextBytes(key);
        random.NextBytes(iv);

        using var aes = Aes.Create();
        aes.Key = key;
        var data = message;
        for (var i = 0; i < iterations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cipher = aes.EncryptCbc(data, iv);
            data = aes.DecryptCbc(cipher, iv);
        }

        if (!data.AsSpan().SequenceEqual(message))
        {
            throw new CryptographicException("AES round trip changed the message.");
        }

        return Task.FromResult(new Response(size, iterations, Convert.ToHexStringLower(SHA256.HashData(aes.EncryptCbc(data, iv)))));
    }
}
