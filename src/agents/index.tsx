/**
 * Internal dependencies
 */
import '../store';
import { mount } from '../components/mount';
import { AgentsPage } from './agents-page';
import './agents.scss';

mount( 'countersign-agents-root', <AgentsPage /> );
