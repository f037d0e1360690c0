import { Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { contentSecurityPolicy, inlineScriptHashes } from './csp.js';

export interface WebProps {
  /** Host of the API origin (its own domain, or execute-api) and the secret header it requires. */
  readonly apiOrigin: { host: string; headerName: string; headerValue: string };
  /** The export Lambda's streamed function URL (infra/lib/exports.ts), for `/api/exports/*`. */
  readonly exportsOrigin?: cloudfront.IOrigin;
  /** The WAF web ACL (us-east-1) in front of everything. */
  readonly webAclArn?: string;
  /** Built SvelteKit site to upload; undefined before the web is built, so synth still works. */
  readonly buildDir?: string;
  /** Optional custom domain; with it, viewers are held to TLS 1.2+ (the default domain allows TLS 1.0). */
  readonly domainName?: string;
  readonly certificateArn?: string;
}

/**
 * Pages answered with index.html: any path without a file extension, except the API. Participant
 * pages (/s/<code>) get the standalone participant build, /s/index.html, a much smaller first load.
 * CloudFront Functions run cloudfront-js-2.0, a restricted ES5.1+ dialect: keep it plain.
 */
export const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/api' || uri.indexOf('/api/') === 0) return request;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = uri.indexOf('/s/') === 0 ? '/s/index.html' : '/index.html';
  return request;
}`;

/** Private bucket behind CloudFront, with /api forwarded to the HTTP API on the same origin. */
export class Web extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly url: string;
  /** Where `npm run deploy` uploads web/build (infra/bin/upload-web.ts). */
  readonly siteBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const stack = Stack.of(this);

    const logBucket = new s3.Bucket(this, 'LogBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs, so the bucket must accept them.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const siteBucket = new s3.Bucket(this, 'SiteBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 's3/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const region = stack.region;
    const cognitoEndpoint = `https://cognito-idp.${region}.amazonaws.com`;
    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'HSTS, CSP and friends for the SPA and the API',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy({
            cognitoEndpoint,
            scriptHashes: inlineScriptHashes(props.buildDir),
          }),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
    });

    const spaRewrite = new cloudfront.Function(this, 'SpaRewrite', {
      comment: 'Serve index.html for client-side routes',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(SPA_REWRITE),
    });

    // The API's host; the path stays as the viewer sent it (/api/...). The secret header proves to
    // the API that the request came through CloudFront (and so through the WAF).
    const apiBehavior: cloudfront.BehaviorOptions = {
      origin: new origins.HttpOrigin(props.apiOrigin.host, {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
        customHeaders: { [props.apiOrigin.headerName]: props.apiOrigin.headerValue },
      }),
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: new cloudfront.CachePolicy(this, 'ApiCachePolicy', {
        comment: 'API: compressed (gzip, br), nothing kept: TTL 0 unless the API says otherwise',
        // Unlike CachingDisabled this lets CloudFront compress and forwards the normalised
        // Accept-Encoding (the API gzips JSON itself). Nothing is cached: the API sends no max-age,
        // and the key holds Authorization and every query string, so even a response the API marked
        // cacheable could only ever answer the same caller's same request.
        defaultTtl: Duration.seconds(0),
        minTtl: Duration.seconds(0),
        maxTtl: Duration.seconds(1),
        headerBehavior: cloudfront.CacheHeaderBehavior.allowList('Authorization'),
        queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
        cookieBehavior: cloudfront.CacheCookieBehavior.none(),
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      }),
      // API Gateway routes by its own Host header, so the viewer's must not be forwarded. This
      // managed policy also adds CloudFront's headers, CloudFront-Viewer-Address among them: the
      // client address the API's limiter uses.
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      // A redirect would turn POSTs into GETs; API clients get an error instead.
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      responseHeadersPolicy: securityHeaders,
    };

    // The TLS floor only applies with an own certificate; *.cloudfront.net is fixed by AWS.
    const hasDomain = Boolean(props.domainName && props.certificateArn);
    const customDomain =
      props.domainName && props.certificateArn
        ? {
            domainNames: [props.domainName],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {};

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${stack.stackName} web and API`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(siteBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [
          { function: spaRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      },
      additionalBehaviors: {
        // More specific first: CloudFront takes the first pattern that matches.
        ...(props.exportsOrigin ? { '/api/exports/*': { ...apiBehavior, origin: props.exportsOrigin } } : {}),
        '/api': apiBehavior,
        '/api/*': apiBehavior,
      },
      ...customDomain,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // Cheapest class (North America and Europe edges); viewers elsewhere are still served,
      // from a farther edge. Raise it if most participants are in Asia, Africa or South America.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      webAclId: props.webAclArn,
      // Access logs go through CloudWatch Logs delivery (edge-logs stack) with chosen fields, so
      // query strings, cookies and referrers are not logged; standard (legacy) logging cannot drop them.
    });
    this.url = hasDomain
      ? `https://${props.domainName}`
      : Fn.join('', ['https://', this.distribution.distributionDomainName]);

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Surveys are answered worldwide by design; there is no country the service must exclude.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        'Access logging is configured through CloudWatch Logs delivery (the edge-logs stack, us-east-1) with selected fields, which this rule does not see; standard logging would keep query strings.',
    });
    if (!hasDomain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain CloudFront serves *.cloudfront.net with its own certificate, whose minimum protocol cannot be raised; set context domainName and certificateArn to enforce TLS 1.2.',
      });
    }

    this.siteBucket = siteBucket;
  }
}
