<?php
/**
 * Spend: model prices, money budgets, cost in usage, alerts at 80% and 100%, the CSV export.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Limits;

use Countersign\Limits\BudgetAlerts;
use Countersign\Policy\Settings;
use Countersign\Tests\CapturesMail;
use Countersign\Tests\TestCase;

/**
 * An administrator prices models per million tokens; an agent's reported tokens cost money, metered per month; a
 * money budget refuses the proposal after the one that spends it; administrators get one email at 80% and one at
 * 100%; usage shows cost per agent per day and exports as CSV to those allowed.
 */
final class BudgetAlertsTest extends TestCase {

	use CapturesMail;

	/**
	 * Prices and currency as an administrator sets them.
	 *
	 * @param int $admin Administrator.
	 */
	private function price_models( int $admin ): void {
		$response = $this->rest(
			$admin,
			'PUT',
			'/countersign/v1/settings',
			array(
				'model_prices' => array(
					'claude-test' => 3,
					'gpt-test'    => 0.5,
				),
				'currency'     => 'EUR',
			)
		);
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
	}

	/**
	 * Proposes with reported tokens.
	 *
	 * @param int    $agent  Agent.
	 * @param int    $post   Post.
	 * @param int    $tokens Tokens in (tokens out is 0).
	 * @param string $model  Model.
	 */
	private function spend( int $agent, int $post, int $tokens, string $model = 'claude-test' ): \WP_REST_Response {
		return $this->propose(
			$agent,
			array(
				'post'    => $post,
				'changes' => array( 'title' => 'Spend ' . wp_generate_password( 6, false ) ),
				'source'  => array(
					'model'     => $model,
					'tokens_in' => $tokens,
				),
			)
		);
	}

	/**
	 * 10 cents at 3 EUR per million tokens: 20,000 tokens (6 cents), 8,000 more (84%: the 80% email), 10,000 more
	 * (12 cents: accepted, the 100% email), then refused; each email once; usage and /me show the money.
	 */
	public function test_money_budget_and_alerts(): void {
		$admin = $this->user( 'administrator' );
		$this->price_models( $admin );
		$agent = $this->agent( array( 'monthly_spend_budget' => 10 ) );
		$id    = (int) $agent['id'];
		$post  = $this->post();
		$this->assertSame( 10, $agent['monthly_spend_budget'] );

		$this->assertSame( 201, $this->spend( $id, $post, 20000 )->get_status() );
		$this->assertSame( array(), $this->alerts_for( $agent['label'] ) );
		$this->assertSame( 201, $this->spend( $id, $post, 8000 )->get_status() );
		$eighty = $this->alerts_for( $agent['label'] );
		$this->assertCount( 1, array_unique( array_column( $eighty, 'subject' ) ) );
		$this->assertStringContainsString( '80%', $eighty[0]['subject'] );
		$this->assertStringContainsString( '0.09 EUR', $eighty[0]['message'] );
		$this->assertSame( 201, $this->spend( $id, $post, 10000 )->get_status(), 'the proposal that crosses the budget is accepted' );
		$all = $this->alerts_for( $agent['label'] );
		$this->assertCount( 2, array_unique( array_column( $all, 'subject' ) ) );
		$this->assertStringContainsString( '100%', end( $all )['subject'] );
		$this->assertContains( end( $all )['to'], array_map( fn( \WP_User $u ) => $u->user_email, get_users( array( 'capability' => 'countersign_manage' ) ) ) );

		$refused = $this->spend( $id, $post, 1 );
		$this->assertError( $refused, 'countersign_budget_exceeded', 429 );
		$this->assertSame( 'monthly_spend_budget', $refused->get_data()['data']['rule'] );
		$this->assertCount( 2, array_unique( array_column( $this->alerts_for( $agent['label'] ), 'subject' ) ), 'no alert twice' );

		$budget = $this->rest( $id, 'GET', '/countersign/v1/me' )->get_data()['budget'];
		$this->assertSame( 12, $budget['spend_this_month'] );
		$this->assertSame( 0, $budget['spend_remaining'] );
		$this->assertSame( 'EUR', $budget['currency'] );
		$this->assertSame( 'monthly_spend_budget', $budget['exhausted'] );

		$usage = $this->rest( $admin, 'GET', '/countersign/v1/usage', array( 'agent' => $id ) )->get_data();
		$this->assertSame( 'EUR', $usage['currency'] );
		$this->assertEqualsWithDelta( 0.114, $usage['agents'][0]['totals']['cost'], 0.0000001 );
		$this->assertEqualsWithDelta( 0.114, $usage['agents'][0]['days'][0]['cost'], 0.0000001 );
		$editor = $this->user( 'editor' );
		$seen   = $this->rest( $editor, 'GET', '/countersign/v1/usage', array( 'agent' => $id ) )->get_data();
		$this->assertArrayNotHasKey( 'cost', $seen['agents'][0]['days'][0], 'cost stays with administrators' );
	}

	/**
	 * A threshold is claimed once per period, whoever asks again.
	 */
	public function test_an_alert_is_claimed_once(): void {
		$agent = $this->agent( array( 'daily_proposal_budget' => 2 ) );
		$this->assertSame(
			201,
			$this->propose(
				(int) $agent['id'],
				array(
					'post'    => $this->post(),
					'changes' => array( 'title' => 'One' ),
				)
			)->get_status()
		);
		$proposal = $this->propose(
			(int) $agent['id'],
			array(
				'post'    => $this->post(),
				'changes' => array( 'title' => 'Two' ),
			)
		);
		$stored   = $this->plugin()->proposals->find( (int) $proposal->get_data()['id'] );
		$this->assertNotNull( $stored );

		$again = new BudgetAlerts( $GLOBALS['wpdb'], $this->plugin()->agents, $this->plugin()->budget );

		$this->assertSame( array(), $again->check( $stored ), 'the submission itself claimed 80% and 100% already' );
		$subjects = array_unique( array_column( $this->alerts_for( $agent['label'] ), 'subject' ) );
		$this->assertCount( 2, $subjects );
	}

	/**
	 * Prices are validated, naming the model.
	 */
	public function test_prices_are_validated(): void {
		$admin = $this->user( 'administrator' );
		foreach ( array(
			array( array( 'model_prices' => array( 'x' => -1 ) ), 'model_prices.x' ),
			array( array( 'model_prices' => array( 'x' => '3' ) ), 'model_prices.x' ),
			array( array( 'model_prices' => array( '<b>x</b>' => 1 ) ), 'model_prices.<b>x</b>' ),
			array( array( 'model_prices' => array( 1, 2 ) ), 'model_prices' ),
			array( array( 'currency' => 'euro' ), 'currency' ),
			array( array( 'default_monthly_spend_budget' => -5 ), 'default_monthly_spend_budget' ),
		) as list( $body, $field ) ) {
			$response = $this->rest( $admin, 'PUT', '/countersign/v1/settings', $body );
			$this->assertError( $response, 'countersign_invalid_payload', 400 );
			$this->assertSame( $field, $response->get_data()['data']['field'] );
		}
		$this->assertSame( array(), (array) $this->rest( $admin, 'GET', '/countersign/v1/settings' )->get_data()['model_prices'] );
	}

	/**
	 * The CSV export: the columns each reader may see, formulas defused, never for agents or the logged out.
	 */
	public function test_usage_export(): void {
		$admin = $this->user( 'administrator' );
		$this->price_models( $admin );
		$agent = $this->agent( array( 'label' => '=HYPERLINK("evil") ' . wp_generate_password( 4, false ) ) );
		$this->spend( (int) $agent['id'], $this->post(), 1000000, 'gpt-test' );

		$csv = $this->rest( $admin, 'GET', '/countersign/v1/usage/export', array( 'agent' => (int) $agent['id'] ) );
		$this->assertSame( 200, $csv->get_status() );
		$this->assertStringStartsWith( 'text/csv', $csv->get_headers()['Content-Type'] );
		$lines = array_map( 'str_getcsv', explode( "\n", trim( (string) $csv->get_data() ) ) );
		$this->assertSame( array( 'agent_id', 'agent', 'day', 'requests', 'refusals', 'proposals', 'approvals', 'rejections', 'median_review_seconds', 'tokens_in', 'tokens_out', 'cost', 'currency' ), $lines[0] );
		$this->assertCount( 2, $lines );
		$row = array_combine( $lines[0], $lines[1] );
		$this->assertSame( "'" . $agent['label'], $row['agent'] );
		$this->assertSame( '1', $row['proposals'] );
		$this->assertSame( '0.5', $row['cost'] );
		$this->assertSame( 'EUR', $row['currency'] );

		$editor = $this->rest( $this->user( 'editor' ), 'GET', '/countersign/v1/usage/export', array( 'agent' => (int) $agent['id'] ) );
		$this->assertSame( 200, $editor->get_status() );
		$this->assertStringNotContainsString( 'cost', explode( "\n", (string) $editor->get_data() )[0] );
		$this->assertSame( 403, $this->rest( (int) $agent['id'], 'GET', '/countersign/v1/usage/export' )->get_status() );
		$this->assertSame( 401, $this->rest( 0, 'GET', '/countersign/v1/usage/export' )->get_status() );
	}

	/**
	 * Budget emails about one agent.
	 *
	 * @param string $label Agent label.
	 * @return list<array<string, mixed>>
	 */
	private function alerts_for( string $label ): array {
		return array_values( array_filter( $this->mails, fn( array $mail ): bool => str_contains( (string) $mail['subject'], $label ) && str_contains( (string) $mail['subject'], 'budget' ) ) );
	}
}
