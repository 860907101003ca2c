using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TestSupport;

/// <summary>
/// A throw-away TLS certificate for 127.0.0.1, written as PEM files for servers such as Azurite (--cert/--key).
/// Clients trust it by pinning <see cref="Certificate"/>'s thumbprint, never by turning validation off.
/// </summary>
public sealed class SelfSignedCertificate : IDisposable
{
    private SelfSignedCertificate(X509Certificate2 certificate, string folder)
    {
        Certificate = certificate;
        Folder = folder;
    }

    public X509Certificate2 Certificate { get; }

    public string Folder { get; }

    public string CertificatePemPath => Path.Combine(Folder, "cert.pem");

    public string KeyPemPath => Path.Combine(Folder, "key.pem");

    public static SelfSignedCertificate CreateForLoopback()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        var folder = Directory.CreateTempSubdirectory("azurite-tls-").FullName;
        var created = new SelfSignedCertificate(certificate, folder);
        File.WriteAllText(created.CertificatePemPath, certificate.ExportCertificatePem());
        File.WriteAllText(created.KeyPemPath, rsa.ExportPkcs8PrivateKeyPem());
        return created;
    }

    /// <summary>A server-certificate check that accepts exactly this certificate.</summary>
    public bool Matches(X509Certificate? presented) =>
        presented is not null && presented.GetCertHashString() == Certificate.GetCertHashString();

    public void Dispose()
    {
        Certificate.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
