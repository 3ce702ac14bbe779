/**
 * Internal dependencies
 */
import '../store/audit';
import { mount } from '../components/mount';
import { UsagePage } from './usage-page';
import './usage.scss';

mount( 'countersign-usage-root', <UsagePage /> );
