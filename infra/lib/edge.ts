import { Stack, type StackProps } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { ABUSE_LIMITS } from '../../functions/src/lib/limits.js';

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

/** A 429 problem+json with Retry-After, as the API's own limiter answers. */
const tooMany: wafv2.CfnWebACL.RuleActionProperty = {
  block: {
    customResponse: {
      responseCode: 429,
      customResponseBodyKey: 'too-many-requests',
      responseHeaders: [{ name: 'retry-after', value: '60' }],
    },
  },
};

const path = (
  positionalConstraint: 'STARTS_WITH' | 'ENDS_WITH',
  value: string,
): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint,
    searchString: value,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});
const method = (value: string): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { method: {} },
    positionalConstraint: 'EXACTLY',
    searchString: value,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

/** A rate-based rule: at most `limit` matching requests per real client address per window. */
function rateRule(
  name: string,
  priority: number,
  limit: number,
  evaluationWindowSec: 60 | 300,
  scope: wafv2.CfnWebACL.StatementProperty[],
): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    action: tooMany,
    visibilityConfig: visibility(name),
    statement: {
      rateBasedStatement: {
        limit,
        evaluationWindowSec,
        // The address CloudFront received the request from: the viewer's, never a header's.
        aggregateKeyType: 'IP',
        scopeDownStatement: scope.length === 1 ? scope[0] : { andStatement: { statements: scope } },
      },
    },
  };
}

function managed(name: string, priority: number, overrides: string[] = []): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    visibilityConfig: visibility(name),
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name,
        ruleActionOverrides: overrides.map((rule) => ({ name: rule, actionToUse: { count: {} } })),
      },
    },
  };
}

/** The rules of the web ACL, exported so the tests and the docs read the same list. */
export function webAclRules(): wafv2.CfnWebACL.RuleProperty[] {
  return [
    managed('AWSManagedRulesAmazonIpReputationList', 0),
    // Attendance imports (1 MB) and survey definitions (64 KB) are larger than the group's 8 KB
    // body limit: that one rule only counts; the API bounds bodies itself.
    managed('AWSManagedRulesCommonRuleSet', 1, ['SizeRestrictions_BODY']),
    managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
    rateRule('SubmissionsPerAddress', 10, ABUSE_LIMITS.submissionsPerAddressPerMinute, 60, [
      method('POST'),
      path('STARTS_WITH', '/api/public/surveys/'),
      path('ENDS_WITH', '/responses'),
    ]),
    rateRule('SurveyOpensPerAddress', 11, ABUSE_LIMITS.opensPerAddressPerMinute, 60, [
      method('GET'),
      path('STARTS_WITH', '/api/public/surveys/'),
    ]),
    rateRule('ApiPerAddress', 12, ABUSE_LIMITS.apiPerAddressPer5Minutes, 300, [path('STARTS_WITH', '/api')]),
  ];
}

/**
 * Abuse control at the edge. A web ACL for CloudFront must live in us-east-1, so it has its own
 * stack there; the service stack reads its ARN through CDK's cross-region references
 * (`crossRegionReferences: true` on both stacks: an SSM parameter in us-east-1 written by this
 * stack and read back by a custom resource in the service stack).
 */
export class EdgeStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: StackProps & { aclName: string }) {
    super(scope, id, props);
    const acl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: props.aclName,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      description: 'Rate limits per client address and AWS managed rules for the web and the API',
      visibilityConfig: visibility('WebAcl'),
      customResponseBodies: {
        'too-many-requests': {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            type: '/api/problems/too-many-requests',
            title: 'Too many requests',
            status: 429,
            detail: 'Too many requests from your address; please try again in a minute.',
          }),
        },
      },
      rules: webAclRules(),
    });
    this.webAclArn = acl.attrArn;
  }
}
