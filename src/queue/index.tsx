/**
 * Internal dependencies
 */
import '../store';
import { mount } from '../components/mount';
import { QueuePage } from './queue-page';
import './queue.scss';

mount( 'countersign-queue-root', <QueuePage /> );
