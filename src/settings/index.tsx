/**
 * Internal dependencies
 */
import { mount } from '../components/mount';
import { SettingsPage } from './settings-page';
import './settings.scss';

mount( 'countersign-settings-root', <SettingsPage /> );
