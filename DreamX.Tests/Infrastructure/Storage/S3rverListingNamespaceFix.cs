using System.Net.Http.Headers;
using System.Text;

namespace DreamX.Tests.Infrastructure.Storage;

/// <summary>
/// s3rver 3.7.1 answers listings in the XML namespace <c>http://doc.s3.amazonaws.com/2006-03-01/</c> instead of
/// S3's <c>http://s3.amazonaws.com/doc/2006-03-01/</c>; the Minio client parses strictly and would see an empty
/// listing. Real S3 and MinIO are right, so the fake's answer is corrected here, in the tests only.
/// </summary>
internal sealed class S3rverListingNamespaceFix : DelegatingHandler
{
    private const string WrongNamespace = "http://doc.s3.amazonaws.com/2006-03-01/";
    private const string S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType != "application/xml")
        {
            return response;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        response.Content = new StringContent(body.Replace(WrongNamespace, S3Namespace, StringComparison.Ordinal), Encoding.UTF8);
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        return response;
    }
}
