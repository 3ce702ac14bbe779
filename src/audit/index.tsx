/**
 * Internal dependencies
 */
import '../store';
import '../store/audit';
import { mount } from '../components/mount';
import { AuditPage } from './audit-page';
import './audit.scss';

mount( 'countersign-audit-root', <AuditPage /> );
