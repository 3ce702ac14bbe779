<?php
/**
 * Router for PHP's built-in server: static files as they are, PHP files run, everything else to index.php
 * so pretty permalinks and /wp-json/ work.
 *
 * @package Countersign
 */

$countersign_path = (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH );
$countersign_file = $_SERVER['DOCUMENT_ROOT'] . $countersign_path;

if ( '/' !== $countersign_path && is_file( $countersign_file ) ) {
	if ( str_ends_with( $countersign_file, '.php' ) ) {
		$_SERVER['SCRIPT_NAME']     = $countersign_path;
		$_SERVER['SCRIPT_FILENAME'] = $countersign_file;
		chdir( dirname( $countersign_file ) );
		require $countersign_file;
		return true;
	}
	return false;
}
if ( is_dir( $countersign_file ) && is_file( rtrim( $countersign_file, '/' ) . '/index.php' ) ) {
	$countersign_index          = rtrim( $countersign_file, '/' ) . '/index.php';
	$_SERVER['SCRIPT_NAME']     = rtrim( $countersign_path, '/' ) . '/index.php';
	$_SERVER['SCRIPT_FILENAME'] = $countersign_index;
	chdir( dirname( $countersign_index ) );
	require $countersign_index;
	return true;
}
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
chdir( $_SERVER['DOCUMENT_ROOT'] );
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
